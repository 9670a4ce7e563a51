using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Console.Tests;

/// <summary>
/// The demo city (data services, catalog with its console, gateway: real processes) for the console's whole flow: an
/// operator applies, an admin narrows and approves, the operator calls the gateway, and the call shows in usage and on
/// the bill. The seed grants op-bank the dishonest-enterprises list already; that grant is revoked before the gateway
/// starts (as when a grant runs out), so the operator has to apply again through the console.
/// </summary>
public sealed class ConsoleFlowCity : DemoCity
{
    public const string Operator = "op-bank";
    public const string Dataset = "dishonest-enterprises";

    /// <summary>Few rows: the flow is about who may call, not about the data.</summary>
    protected override int Rows => 200;

    protected override async Task BeforeGatewayStartsAsync()
    {
        using var admin = CatalogClient("admin");
        var grants = JsonDocument.Parse(await admin.GetStringAsync($"/v1/grants?dataset={Dataset}&size=100")).RootElement;
        var items = grants.ValueKind == JsonValueKind.Array ? grants : grants.GetProperty("items");
        foreach (var grant in items.EnumerateArray().Where(g => g.GetProperty("organizationId").GetString() == Operator))
        {
            using var response = await admin.PostAsJsonAsync($"/v1/grants/{grant.GetProperty("id").GetGuid()}/revoke", new { reason = "授权到期，需重新申请" });
            response.EnsureSuccessStatusCode();
        }
    }
}
