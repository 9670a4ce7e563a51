using System.Net;
using System.Text.Json;
using DataGateway.Testing;
using static DataGateway.Catalog.Tests.Ledger.LedgerCity;

namespace DataGateway.Catalog.Tests.Ledger;

/// <summary>
/// Issue 18: a call's record keeps its consent and the keys of the records it returned. The keys are raw values of the
/// key field, which the caller may have received masked or not at all, so only admins see them; the consent is the
/// caller's own (it presented it), so the caller sees it.
/// </summary>
public class LedgerRecordKeysTests(LedgerCity city) : IClassFixture<LedgerCity>
{
    [Fact]
    public async Task Query_ShowsTheKeysToAdminsOnlyAndTheConsentToTheCallerToo()
    {
        var at = new DateTimeOffset(2030, 6, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var stored = await city.WriteCallsAsync(
        [
            Call("op-keys", "keys-ds", at, r => r with { ConsentId = "consent-7", ConsentSubject = "310101199001011234", RecordKeys = ["k-1", "k;2"] }),
        ]);
        using var caller = city.Client(city.Tokens.Operator("op-keys"));
        using var admin = city.Admin();

        var own = await RecordAsync(caller, "/v1/ledger?dataset=keys-ds");
        var audited = await RecordAsync(admin, "/v1/ledger?dataset=keys-ds");
        var csv = await caller.GetStringAsync("/v1/ledger?dataset=keys-ds&format=csv");

        Assert.Equal(stored[0].RequestId, own.GetProperty("requestId").GetGuid());
        Assert.Equal(("consent-7", "310101199001011234"), (own.GetProperty("consentId").GetString(), own.GetProperty("consentSubject").GetString()));
        Assert.Equal(JsonValueKind.Null, own.GetProperty("recordKeys").ValueKind);
        Assert.Equal(["k-1", "k;2"], audited.GetProperty("recordKeys").EnumerateArray().Select(k => k.GetString()));
        Assert.DoesNotContain("k-1", csv, StringComparison.Ordinal);
        Assert.EndsWith(",consent-7,310101199001011234,", csv.TrimEnd('\r', '\n'), StringComparison.Ordinal);
        Assert.Contains("""["k-1","k;2"]""", (await admin.GetStringAsync("/v1/ledger?dataset=keys-ds&format=csv")).Replace("\"\"", "\"", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> RecordAsync(HttpClient client, string path)
    {
        var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return Assert.Single((await response.JsonAsync()).GetProperty("records").EnumerateArray());
    }
}
