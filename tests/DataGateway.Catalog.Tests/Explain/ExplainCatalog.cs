using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Explain;

/// <summary>
/// The seeded catalog asking an OPA server for explain (<see cref="OpaDataApiServer"/>, an in-test server following
/// OPA's Data API: no OPA binary can be installed here), with grants in every state: op-bank's active grant for
/// housing (id, address), op-paused's suspended one and op-gone's revoked one.
/// </summary>
public sealed class ExplainCatalog : SeededCatalog
{
    /// <summary>Started before the catalog, whose settings name its port; a test may stop and restart it there.</summary>
    public OpaDataApiServer Opa { get; set; } = null!;

    public int OpaPort { get; } = FreePorts.Next();

    public string BankGrant { get; private set; } = "";

    protected override IReadOnlyDictionary<string, string> ExtraSettings => new Dictionary<string, string>
    {
        ["DataGateway__Policy__Opa__Url"] = $"http://127.0.0.1:{OpaPort}",
        // A watchdog for a loopback answer; the slow test's server never answers, so it does not depend on speed.
        ["DataGateway__Policy__Opa__Timeout"] = "00:00:05",
    };

    public override async Task InitializeAsync()
    {
        Opa = await OpaDataApiServer.StartAsync(OpaPort);
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "op-paused", name = "暂停的运营机构", kind = "operator", licensedDomains = new[] { "finance" } });
        await AdminPostAsync("/v1/organizations", new { id = "op-gone", name = "撤销的运营机构", kind = "operator", licensedDomains = new[] { "finance" } });
        BankGrant = await GrantAsync("op-bank");
        var paused = await GrantAsync("op-paused");
        await AdminPostAsync($"/v1/grants/{paused}/suspend", new { reason = "测试" });
        var gone = await GrantAsync("op-gone");
        await AdminPostAsync($"/v1/grants/{gone}/revoke", new { reason = "测试" });
    }

    private async Task<string> GrantAsync(string operatorId)
    {
        using var client = Client(Tokens.Operator(operatorId));
        var applied = await client.PostAsJsonAsync("/v1/applications", new { datasetCode = "housing", scenario = "解释测试", fields = new[] { "id", "address" } });
        var application = await applied.Content.ReadFromJsonAsync<JsonElement>();
        var approved = await AdminPostAsync($"/v1/applications/{application.GetProperty("id").GetGuid()}/approve", new { });
        return (await approved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Opa.DisposeAsync();
    }
}
