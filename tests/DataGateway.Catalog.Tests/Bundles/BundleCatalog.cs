using System.Net.Http.Json;

namespace DataGateway.Catalog.Tests.Bundles;

/// <summary>The seeded catalog plus an OPA sidecar's organization (<c>opa-sidecar</c>, kind bundle_reader) and a grant.</summary>
public sealed class BundleCatalog : SeededCatalog
{
    public string GrantId { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "opa-sidecar", name = "OPA 边车", kind = "bundle_reader" });
        using var bank = Client(Tokens.Operator("op-bank"));
        var applied = await bank.PostAsJsonAsync("/v1/applications", new { datasetCode = "housing", scenario = "策略包测试", fields = new[] { "id", "address" } });
        var application = await applied.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var approved = await AdminPostAsync($"/v1/applications/{application.GetProperty("id").GetGuid()}/approve", new { });
        GrantId = (await approved.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
    }

    public HttpClient Reader() => Client(Tokens.Mint("opa-sidecar", "bundle_reader"));
}
