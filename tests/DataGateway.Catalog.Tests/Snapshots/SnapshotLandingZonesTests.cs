using System.Net;
using System.Net.Http.Json;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Catalog.Tests.LandingZones;
using DataGateway.Policy.Model;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Snapshots;

/// <summary>
/// Issue 14, point 2: the returns worker reads landing zones only from the snapshot, so a whole load carries every
/// zone as the catalog holds it, and a load of the changes brings each created, replaced or deleted zone, keeping
/// the very objects of the zones that did not change. Tests run one after the other on the class's catalog.
/// </summary>
public class SnapshotLandingZonesTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task Load_Whole_CarriesEveryZoneWithItsAuthAndBatchSize()
    {
        await catalog.EnsureDistrictAsync("310101");
        await catalog.EnsureDistrictAsync("310105");
        using var admin = catalog.Admin();
        await PutAsync(admin, "district-310104", LandingZoneRequests.Bearer("http://127.0.0.1:9090/landing/310104", "landing-310104", batchSize: 500));
        await PutAsync(admin, "district-310101", """{"url":"https://huangpu.example/in","auth":{"kind":"header","header":"X-Landing-Key","secretRef":"huangpu"}}""");
        await PutAsync(admin, "district-310105", """{"url":"https://changning.example/","auth":{"kind":"none"},"batchSize":10000}""");
        await using var dataSource = NpgsqlDataSource.Create(catalog.ConnectionString);

        var snapshot = await CatalogSnapshotLoader.LoadAsync(dataSource);

        Assert.Equal(new LandingZone("district-310104", "310104", new Uri("http://127.0.0.1:9090/landing/310104"), LandingAuthKind.Bearer, null, "landing-310104", 500),
            snapshot.FindLandingZone("310104"));
        Assert.Equal(new LandingZone("district-310101", "310101", new Uri("https://huangpu.example/in"), LandingAuthKind.Header, "X-Landing-Key", "huangpu", 1000),
            snapshot.FindLandingZone("310101"));
        Assert.Equal(new LandingZone("district-310105", "310105", new Uri("https://changning.example/"), LandingAuthKind.None, null, null, 10_000),
            snapshot.FindLandingZone("310105"));
        Assert.Null(snapshot.FindLandingZone("310151"));
        // The other test of the class may have run first and left zones of its own districts.
        Assert.Subset(snapshot.LandingZones.Select(z => z.OrganizationId).ToHashSet(), new HashSet<string> { "district-310101", "district-310104", "district-310105" });
        Assert.Equal(snapshot.LandingZones.Count(), snapshot.LandingZones.Select(z => z.DistrictCode).Distinct().Count());
    }

    [Fact]
    public async Task LoadChanges_ZonesCreatedReplacedDeleted_EqualsAWholeLoad_AndKeepsTheUnchanged()
    {
        var kept = await catalog.EnsureDistrictAsync("310106");
        var replaced = await catalog.EnsureDistrictAsync("310107");
        var deleted = await catalog.EnsureDistrictAsync("310109");
        var added = await catalog.EnsureDistrictAsync("310110");
        using var admin = catalog.Admin();
        foreach (var id in new[] { kept, replaced, deleted })
        {
            await PutAsync(admin, id, LandingZoneRequests.Bearer($"https://landing.example/{id}", "before"));
        }

        await using var dataSource = NpgsqlDataSource.Create(catalog.ConnectionString);
        var before = await CatalogSnapshotLoader.LoadAsync(dataSource);

        await PutAsync(admin, replaced, LandingZoneRequests.Bearer("https://landing.example/moved", "after", batchSize: 42));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteZoneAsync(deleted)).StatusCode);
        await PutAsync(admin, added, LandingZoneRequests.Bearer("https://landing.example/new", "new"));
        // The organization itself changes too (a new name): its zone stays, as the same object.
        (await admin.PutAsJsonAsync($"/v1/organizations/{kept}", new { name = "静安区人民政府", kind = "district", districtCode = "310106" })).EnsureSuccessStatusCode();

        var changed = await CatalogSnapshotLoader.LoadChangesAsync(dataSource, before);
        var whole = await CatalogSnapshotLoader.LoadAsync(dataSource);

        Assert.Equal(Describe(whole), Describe(changed));
        Assert.Same(before.FindLandingZone("310106"), changed.FindLandingZone("310106"));
        Assert.Equal(("https://landing.example/moved", "after", 42), (changed.FindLandingZone("310107")!.Url.ToString(), changed.FindLandingZone("310107")!.SecretRef, changed.FindLandingZone("310107")!.BatchSize));
        Assert.Null(changed.FindLandingZone("310109"));
        Assert.NotNull(before.FindLandingZone("310109"));
        Assert.Equal("new", changed.FindLandingZone("310110")!.SecretRef);
        Assert.Equal("静安区人民政府", changed.FindOrganization(kept)!.Name);
    }

    private static async Task PutAsync(HttpClient admin, string id, string body)
    {
        var response = await admin.PutZoneAsync(id, body);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Describe(CatalogSnapshot snapshot) =>
        string.Join("\n", snapshot.LandingZones
            .Select(z => $"{z.OrganizationId}|{z.DistrictCode}|{z.Url}|{z.AuthKind}|{z.HeaderName}|{z.SecretRef}|{z.BatchSize}")
            .Order(StringComparer.Ordinal));
}
