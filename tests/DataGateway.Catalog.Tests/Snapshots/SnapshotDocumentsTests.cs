using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Policy.Model;
using Npgsql;

namespace DataGateway.Catalog.Tests.Snapshots;

/// <summary>
/// Issue 13, point 1: the gateway's snapshot reads the organizations and data services Marten projects, with every
/// member the policy needs, and nothing of a deleted one.
/// </summary>
public class SnapshotDocumentsTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task Load_OrganizationsAndServicesInMarten_CarriesTheProjectedDocuments()
    {
        await catalog.AdminPostAsync("/v1/services", new
        {
            id = "svc-districts", ownerId = "dept-housing", timeoutMs = 750,
            districtAddresses = new Dictionary<string, string> { ["310104"] = "http://127.0.0.1:9/xuhui/", ["310101"] = "http://127.0.0.1:9/huangpu" },
        });
        await catalog.AdminPostAsync("/v1/organizations", new { id = "op-gone", name = "已删除", kind = "operator" });
        using (var admin = catalog.Admin())
        {
            (await admin.DeleteAsync("/v1/organizations/op-gone")).EnsureSuccessStatusCode();
        }

        await using var dataSource = NpgsqlDataSource.Create(catalog.ConnectionString);
        var snapshot = await CatalogSnapshotLoader.LoadAsync(dataSource);

        var xuhui = snapshot.FindOrganization("district-310104")!;
        Assert.Equal((OrganizationKind.District, "310104", "徐汇区人民政府"), (xuhui.Kind, xuhui.DistrictCode, xuhui.Name));
        Assert.Equal(["finance"], snapshot.FindOrganization("op-bank")!.LicensedDomains);
        Assert.Null(snapshot.FindOrganization("op-gone"));
        var service = snapshot.FindService("svc-districts")!;
        Assert.Equal(("dept-housing", null, 750.0), (service.OwnerId, service.BaseAddress, service.Timeout.TotalMilliseconds));
        Assert.Equal("http://127.0.0.1:9/xuhui", service.DistrictAddresses["310104"].ToString().TrimEnd('/'));
        Assert.Equal(2, service.DistrictAddresses.Count);
        Assert.Equal(new Uri("http://127.0.0.1:9"), snapshot.FindService("svc-housing")!.BaseAddress);
    }
}
