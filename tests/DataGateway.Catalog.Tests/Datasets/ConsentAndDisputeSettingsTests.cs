using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>
/// A dataset's consent and dispute settings (issue 18): the subject field whose consent operators need, the record key
/// field disputes name a record by, and the days the department has to answer — through the API's body, view and
/// validation, the spreadsheet's columns, and the snapshot the gateway loads.
/// </summary>
public class ConsentAndDisputeSettingsTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    private const string Header =
        "数据集编码,数据集名称,描述,数源部门,数据服务,服务路径,领域,共享属性,授权运营,区划字段,记录路径,查询单价,核验单价,部门分成比例,标准级别,字段名,字段标题,字段类型,分级,个人信息,脱敏规则,属地返还,每页上限,授权主体字段,记录标识字段,异议答复时限（天）";

    [Fact]
    public async Task Create_WithoutTheSettings_NeedsNoConsentHasNoKeyAndFifteenDays()
    {
        await catalog.AdminPostAsync("/v1/datasets", SeededCatalog.Dataset("settings-default", "默认", "finance", "conditional", open: true));

        using var admin = catalog.Admin();
        var view = await (await admin.GetAsync("/v1/datasets/settings-default")).JsonAsync();

        Assert.Equal(JsonValueKind.Null, view.GetProperty("consentSubjectField").ValueKind);
        Assert.Equal(JsonValueKind.Null, view.GetProperty("recordKeyField").ValueKind);
        Assert.Equal(15, view.GetProperty("disputeAnswerDays").GetInt32());
        var loaded = (await LoadAsync()).FindDataset("settings-default")!;
        Assert.Equal((null, null, 15), (loaded.ConsentSubjectField, loaded.RecordKeyField, loaded.DisputeAnswerDays));
    }

    [Fact]
    public async Task Create_WithTheSettings_ShowsThemToCallersAndTheSnapshotCarriesThem()
    {
        await catalog.AdminPostAsync("/v1/datasets", With("settings-set", "owner_id_number", "id", 30));

        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));
        var view = await (await bank.GetAsync("/v1/datasets/settings-set")).JsonAsync();

        Assert.Equal("owner_id_number", view.GetProperty("consentSubjectField").GetString());
        Assert.Equal("id", view.GetProperty("recordKeyField").GetString());
        Assert.Equal(30, view.GetProperty("disputeAnswerDays").GetInt32());
        var loaded = (await LoadAsync()).FindDataset("settings-set")!;
        Assert.Equal(("owner_id_number", "id", 30), (loaded.ConsentSubjectField, loaded.RecordKeyField, loaded.DisputeAnswerDays));
    }

    [Theory]
    [InlineData("consentSubjectField", "no_such_field")]
    [InlineData("recordKeyField", "no_such_field")]
    [InlineData("recordKeyField", "location.lng")]
    [InlineData("consentSubjectField", "area_m2")]
    [InlineData("recordKeyField", "tags")]
    [InlineData("recordKeyField", "owner_id_number")]
    [InlineData("disputeAnswerDays", 0)]
    [InlineData("disputeAnswerDays", 91)]
    [InlineData("disputeAnswerDays", -1)]
    public async Task Create_ABadSetting_IsRefusedNamingItAndNothingIsCreated(string property, object value)
    {
        using var admin = catalog.Admin();
        var body = With("settings-bad", null, null, null);
        var fields = body["fields"]!.AsArray();
        fields.Add(new JsonObject { ["name"] = "area_m2", ["title"] = "面积", ["type"] = "number", ["level"] = "L1" });
        fields.Add(new JsonObject { ["name"] = "tags", ["title"] = "标签", ["type"] = "array", ["level"] = "L1" });
        fields.Add(new JsonObject { ["name"] = "location.lng", ["title"] = "经度", ["type"] = "string", ["level"] = "L1" });
        body[property] = JsonValue.Create(value);

        var response = await admin.PostAsJsonAsync("/v1/datasets", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.Equal([property], problem.GetProperty("errors").EnumerateObject().Select(p => p.Name));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/datasets/settings-bad")).StatusCode);
    }

    [Fact]
    public async Task Import_WithTheColumns_SetsThemAndTheExportRoundTripsThem()
    {
        var row = "settings-csv,新表格,,dept-housing,svc-housing,/settings-csv,finance,有条件共享,是,,,0.10,0.00,0,市级,id,编号,string,L1,否,none,,1000,owner_id_number,id,7";
        var second = "settings-csv,新表格,,dept-housing,svc-housing,/settings-csv,finance,有条件共享,是,,,0.10,0.00,0,市级,owner_id_number,证件号,string,L4,是,hash,,1000,owner_id_number,id,7";

        (await ImportAsync(Header, row, second)).EnsureSuccessStatusCode();

        using var admin = catalog.Admin();
        var exported = await admin.GetStringAsync("/v1/export/datasets");
        Assert.StartsWith(Header, exported, StringComparison.Ordinal);
        Assert.Contains(row, exported, StringComparison.Ordinal);
        var loaded = (await LoadAsync()).FindDataset("settings-csv")!;
        Assert.Equal(("owner_id_number", "id", 7), (loaded.ConsentSubjectField, loaded.RecordKeyField, loaded.DisputeAnswerDays));
    }

    [Theory]
    [InlineData("no_such_field,id,7", "授权主体字段")]
    [InlineData(",no_such_field,7", "记录标识字段")]
    [InlineData(",id,0", "异议答复时限（天）")]
    [InlineData(",id,七", "异议答复时限（天）")]
    public async Task Import_ABadSetting_IsReportedInItsColumn(string cells, string column)
    {
        var row = $"settings-badcsv,坏表格,,dept-housing,svc-housing,/settings-badcsv,finance,有条件共享,否,,,0.10,0.00,0,市级,id,编号,string,L1,否,none,,1000,{cells}";

        var response = await ImportAsync(Header, row);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "import_invalid");
        Assert.Contains(problem.GetProperty("errors").EnumerateArray(), e => e.GetProperty("column").GetString() == column);
    }

    private static JsonObject With(string code, string? subject, string? key, int? days)
    {
        var json = JsonSerializer.SerializeToNode(SeededCatalog.Dataset(code, "设置", "finance", "conditional", open: true))!.AsObject();
        json["consentSubjectField"] = subject;
        json["recordKeyField"] = key;
        json["disputeAnswerDays"] = days;
        return json;
    }

    private async Task<Policy.Model.CatalogSnapshot> LoadAsync()
    {
        await using var source = NpgsqlDataSource.Create(catalog.ConnectionString);
        return await CatalogSnapshotLoader.LoadAsync(source);
    }

    private async Task<HttpResponseMessage> ImportAsync(string header, params string[] rows)
    {
        using var admin = catalog.Admin();
        using var content = new StringContent(header + "\r\n" + string.Join("\r\n", rows) + "\r\n", Encoding.UTF8, "text/csv");
        return await admin.PostAsync("/v1/import/datasets", content);
    }
}
