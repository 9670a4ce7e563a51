using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Policy.Model;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Snapshots;

/// <summary>
/// Issue 13 (a change enforced within 1 s at 17,320 datasets): a gateway's reload reads only the documents whose
/// streams changed, and what it builds is exactly what a whole load reads — for every kind of change the snapshot
/// holds. The class shares one catalog, so its tests run one after the other (xUnit never runs a class's tests in
/// parallel) and each starts from a whole load of its own.
/// </summary>
public class SnapshotChangesTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task LoadChanges_AfterEveryKindOfChange_EqualsAWholeLoadAndKeepsWhatDidNotChange()
    {
        await using var dataSource = NpgsqlDataSource.Create(catalog.ConnectionString);
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("changes-dropped", "将删除", "finance", "unconditional", open: true));
        await catalog.AdminPostAsync("/v1/organizations", new { id = "op-leaving", name = "将注销", kind = "operator" });
        var suspended = await GrantAsync("op-bank", "housing");
        using var admin = catalog.Admin();
        (await admin.PutAsJsonAsync("/v1/organizations/district-310104/landing-zone", new { url = "https://xuhui.example/in", auth = new { kind = "none" } })).EnsureSuccessStatusCode();
        var before = await CatalogSnapshotLoader.LoadAsync(dataSource);

        await catalog.AdminPostAsync("/v1/organizations", new { id = "op-new", name = "新运营商", kind = "operator", licensedDomains = new[] { "transport" } });
        await catalog.AdminPostAsync("/v1/services", new { id = "svc-new", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9/new" });
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("changes-added", "新增", "transport", "conditional", open: false));
        var renamed = SeededCatalog.Dataset("secret-register", "改名的保密登记", "finance", "conditional", open: true);
        (await admin.PutAsJsonAsync("/v1/datasets/secret-register", renamed)).EnsureSuccessStatusCode();
        (await admin.DeleteAsync("/v1/datasets/changes-dropped")).EnsureSuccessStatusCode();
        (await admin.DeleteAsync("/v1/organizations/op-leaving")).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"/v1/grants/{suspended}/suspend", new { reason = "核查" })).EnsureSuccessStatusCode();
        var added = await GrantAsync("op-other", "housing");
        (await admin.PutAsJsonAsync("/v1/organizations/district-310104/landing-zone", new { url = "https://xuhui.example/v2", auth = new { kind = "bearer", secretRef = "xuhui" } })).EnsureSuccessStatusCode();

        var changed = await CatalogSnapshotLoader.LoadChangesAsync(dataSource, before);
        var whole = await CatalogSnapshotLoader.LoadAsync(dataSource);

        Assert.True(changed.Version > before.Version);
        Assert.Equal(whole.Version, changed.Version);
        Assert.Equal(Describe(whole), Describe(changed));
        // What it read: the changed entities are new, the unchanged ones the very objects it held.
        Assert.Same(before.FindDataset("housing"), changed.FindDataset("housing"));
        Assert.Same(before.FindOrganization("district-310104"), changed.FindOrganization("district-310104"));
        Assert.Equal("改名的保密登记", changed.FindDataset("secret-register")!.Title);
        Assert.Null(changed.FindDataset("changes-dropped"));
        Assert.Null(changed.FindOrganization("op-leaving"));
        Assert.Equal(GrantState.Suspended, changed.GrantsFor("op-bank", "housing").Single(g => g.Id == suspended).State);
        Assert.Contains(changed.GrantsFor("op-other", "housing"), g => g.Id == added);
        Assert.Equal(("https://xuhui.example/v2", "xuhui"), (changed.FindLandingZone("310104")!.Url.ToString(), changed.FindLandingZone("310104")!.SecretRef));
    }

    [Fact]
    public async Task LoadChanges_NothingChanged_ReturnsTheSnapshotItHeld()
    {
        await using var dataSource = NpgsqlDataSource.Create(catalog.ConnectionString);
        var before = await CatalogSnapshotLoader.LoadAsync(dataSource);

        Assert.Same(before, await CatalogSnapshotLoader.LoadChangesAsync(dataSource, before));
    }

    [Fact]
    public async Task LoadChanges_MoreStreamsChangedThanTheLimit_LoadsTheWholeCatalog()
    {
        await using var dataSource = NpgsqlDataSource.Create(catalog.ConnectionString);
        var before = await CatalogSnapshotLoader.LoadAsync(dataSource);
        var csv = new StringBuilder("数据集编码,数据集名称,描述,数源部门,数据服务,服务路径,领域,共享属性,授权运营,区划字段,记录路径,查询单价,核验单价,部门分成比例,标准级别,字段名,字段标题,字段类型,分级,个人信息,脱敏规则,属地返还\n");
        for (var i = 0; i <= CatalogSnapshotLoader.MaxChangedStreams; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"bulk-{i},批量{i},批量导入,dept-housing,svc-housing,/bulk-{i},planning,无条件共享,否,,,0.00,0.00,0,市级,id,编号,string,L1,否,none,\n");
        }

        using var admin = catalog.Admin();
        using var content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv");
        (await admin.PostAsync("/v1/import/datasets", content)).EnsureSuccessStatusCode();

        var changed = await CatalogSnapshotLoader.LoadChangesAsync(dataSource, before);

        Assert.Equal(Describe(await CatalogSnapshotLoader.LoadAsync(dataSource)), Describe(changed));
        Assert.NotSame(before.FindDataset("housing"), changed.FindDataset("housing"));
    }

    [Fact]
    public async Task LoadChanges_HeldSnapshotAheadOfTheEventStore_LoadsTheWholeCatalog()
    {
        await using var dataSource = NpgsqlDataSource.Create(catalog.ConnectionString);
        var current = await CatalogSnapshotLoader.LoadAsync(dataSource);
        // As after the database was restored from a backup older than the snapshot a gateway holds.
        var ahead = new CatalogSnapshot(current.Version + 1_000_000, [], [], [], []);

        var loaded = await CatalogSnapshotLoader.LoadChangesAsync(dataSource, ahead);

        Assert.Equal(current.Version, loaded.Version);
        Assert.Equal(Describe(current), Describe(loaded));
    }

    /// <summary>Everything the policy reads from a snapshot, one line per entity, in a fixed order.</summary>
    private static string Describe(CatalogSnapshot snapshot)
    {
        static string Join(IEnumerable<string> values) => string.Join(",", values.Order(StringComparer.Ordinal));
        var lines = new List<string>();
        foreach (var d in snapshot.Datasets)
        {
            var fields = string.Join(";", d.Fields.Select(f => $"{f.Name}:{f.Title}:{f.Type}:{f.Level}:{f.PersonalInformation}:{f.Mask}"));
            var prices = string.Join(";", d.Prices.Entries.Select(p => $"{p.EffectiveFrom:O}={p.QueryPrice}/{p.VerifyPrice}/{p.RevenueShare}"));
            lines.Add($"dataset {d.Code}|{d.Title}|{d.OwnerId}|{d.ServiceId}|{d.Path}|{d.Domain}|{d.Sharing}|{d.OpenForOperation}|{d.DistrictField}|{d.RecordPath}|{fields}|{Join(d.DistrictReturnFields)}|{prices}|{d.MaxPageSize}");
        }

        foreach (var s in snapshot.Services)
        {
            lines.Add($"service {s.Id}|{s.OwnerId}|{s.BaseAddress}|{Join(s.DistrictAddresses.Select(a => $"{a.Key}={a.Value}"))}|{s.Timeout}");
        }

        lines.AddRange(snapshot.LandingZones.Select(z => $"landing-zone {z.OrganizationId}|{z.DistrictCode}|{z.Url}|{z.AuthKind}|{z.HeaderName}|{z.SecretRef}|{z.BatchSize}"));
        lines.AddRange(snapshot.Organizations.Select(o => $"organization {o.Id}|{o.Name}|{o.Kind}|{o.DistrictCode}|{Join(o.LicensedDomains)}"));
        lines.AddRange(snapshot.Grants.Select(g =>
            $"grant {g.Id}|{g.OrganizationId}|{g.DatasetCode}|{g.Scenario}|{Join(g.Fields)}|{Join(g.Districts)}|{Join(g.VerifyFields)}|{g.ValidFrom:O}|{g.ValidUntil:O}|{g.DailyQuota}|{g.State}"));
        return string.Join("\n", lines.Order(StringComparer.Ordinal));
    }

    private async Task<string> GrantAsync(string operatorId, string dataset)
    {
        using var client = catalog.Client(catalog.Tokens.Operator(operatorId));
        var application = await (await client.PostAsJsonAsync("/v1/applications", new
        {
            datasetCode = dataset, scenario = "普惠金融", fields = new[] { "id", "address" }, validUntil = DateTimeOffset.UtcNow.AddDays(60), dailyQuota = 1000,
        })).JsonAsync(HttpStatusCode.Created);
        using var admin = catalog.Admin();
        var grant = await (await admin.PostAsJsonAsync($"/v1/applications/{application.GetProperty("id").GetString()}/approve", new { })).JsonAsync();
        return grant.GetProperty("id").GetString()!;
    }
}
