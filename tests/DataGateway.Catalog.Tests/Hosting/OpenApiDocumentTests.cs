using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Hosting;

/// <summary>
/// Issue 12, point 1: <c>/openapi/v1.json</c> over HTTP lists every control-plane path the design names as stable, with
/// its methods, so that a path dropped or renamed shows here.
/// </summary>
public class OpenApiDocumentTests(CatalogProcess catalog) : IClassFixture<CatalogProcess>
{
    [Theory]
    [InlineData("/v1/organizations", "get", "post")]
    [InlineData("/v1/organizations/{id}", "get", "put", "delete")]
    [InlineData("/v1/organizations/{id}/history", "get")]
    [InlineData("/v1/services", "get", "post")]
    [InlineData("/v1/services/{id}", "get", "put", "delete")]
    [InlineData("/v1/datasets", "get", "post")]
    [InlineData("/v1/datasets/{code}", "get", "put", "delete")]
    [InlineData("/v1/datasets/{code}/history", "get")]
    [InlineData("/v1/datasets/{code}/prices", "get", "post")]
    [InlineData("/v1/applications", "get", "post")]
    [InlineData("/v1/applications/{id}", "get")]
    [InlineData("/v1/applications/{id}/approve", "post")]
    [InlineData("/v1/applications/{id}/reject", "post")]
    [InlineData("/v1/applications/{id}/withdraw", "post")]
    [InlineData("/v1/grants", "get")]
    [InlineData("/v1/grants/{id}", "get")]
    [InlineData("/v1/grants/{id}/suspend", "post")]
    [InlineData("/v1/grants/{id}/resume", "post")]
    [InlineData("/v1/grants/{id}/revoke", "post")]
    [InlineData("/v1/import/datasets", "post")]
    [InlineData("/v1/export/datasets", "get")]
    [InlineData("/v1/ledger", "get")]
    [InlineData("/v1/ledger/access-report", "get")]
    [InlineData("/v1/ledger/verify", "post")]
    [InlineData("/v1/bills/{operatorId}/{month}", "get")]
    [InlineData("/v1/bills/{month}", "get")]
    [InlineData("/v1/disputes", "get", "post")]
    [InlineData("/v1/disputes/{id}", "get")]
    [InlineData("/v1/disputes/{id}/answer", "post")]
    [InlineData("/v1/notifications", "get")]
    [InlineData("/v1/organizations/{id}/webhook", "get", "put", "delete")]
    public async Task OpenApi_StablePath_IsDocumentedWithItsMethods(string path, params string[] methods)
    {
        using var anonymous = catalog.Client(null);

        var paths = (await (await anonymous.GetAsync("/openapi/v1.json")).JsonAsync()).GetProperty("paths");

        // Minimal APIs mapped at a group's "/" are documented with or without the trailing slash, by version.
        Assert.True(paths.TryGetProperty(path, out var item) || paths.TryGetProperty(path + "/", out item), string.Join('\n', paths.EnumerateObject().Select(p => p.Name)));
        Assert.Subset(item.EnumerateObject().Select(p => p.Name).ToHashSet(), methods.ToHashSet());
    }
}
