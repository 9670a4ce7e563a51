using System.Net;
using System.Text.Json;
using DataGateway.Ledger.Verification;
using DataGateway.Testing;
using static DataGateway.Catalog.Tests.Ledger.LedgerCity;

namespace DataGateway.Catalog.Tests.Ledger;

/// <summary>
/// Issue 12, point 1: <c>POST /v1/ledger/verify</c> over HTTP walks every call chain, the catalog's event chain and the
/// amendments' chain. One test, in steps, since each tampering stays in the class's database.
/// </summary>
public class LedgerVerifyTests(LedgerCity city) : IClassFixture<LedgerCity>
{
    [Fact]
    public async Task Verify_UntouchedThenTampered_ReportsEachChainAndTheFirstBadSeq()
    {
        var at = new DateTimeOffset(2030, 8, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var stored = await city.WriteCallsAsync(Enumerable.Range(0, 5).Select(i => Call("op-verify", "verify-ds", at.AddSeconds(i))));
        var other = await city.WriteCallsAsync(Enumerable.Range(0, 3).Select(i => Call("op-verify", "verify-ds", at.AddMinutes(i))));
        var chain = stored[0].Chain;
        using var admin = city.Admin();

        var intact = await VerifyAsync(admin);

        Assert.True(intact.GetProperty("intact").GetBoolean(), intact.ToString());
        Assert.Equal((5L, 5L), Chain(intact, chain) is var c ? (c.GetProperty("records").GetInt64(), c.GetProperty("lastSeq").GetInt64()) : default);
        Assert.Equal(3L, Chain(intact, other[0].Chain).GetProperty("records").GetInt64());
        Assert.True(Chain(intact, Checkpoint.CatalogChain).GetProperty("records").GetInt64() >= 1, intact.ToString());
        Assert.All(intact.GetProperty("chains").EnumerateArray(), c => Assert.Equal(JsonValueKind.Null, c.GetProperty("problem").ValueKind));

        await city.SqlAsync($"update ledger_records set amount = amount + 1 where chain = '{chain}' and seq = 3");
        var altered = await VerifyAsync(admin);

        Assert.False(altered.GetProperty("intact").GetBoolean());
        Assert.Equal((ChainProblems.RecordAltered, 3L), (Chain(altered, chain).GetProperty("problem").GetString(), Chain(altered, chain).GetProperty("firstBadSeq").GetInt64()));
        Assert.Equal(JsonValueKind.Null, Chain(altered, other[0].Chain).GetProperty("problem").ValueKind);

        // An amendment written straight into the database is signed by no gateway.
        await city.AmendUndeliveredAsync(other[1].RequestId);
        var unsigned = await VerifyAsync(admin);

        Assert.Equal(ChainProblems.AmendmentUnsigned, Chain(unsigned, Checkpoint.AmendmentsChain).GetProperty("problem").GetString());
    }

    [Fact]
    public async Task Verify_NotAdminOrNotPost_IsRefused()
    {
        using var bank = city.Client(city.Tokens.Operator("op-verify"));
        using var admin = city.Admin();

        await (await bank.PostAsync("/v1/ledger/verify", null)).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
        await (await admin.GetAsync("/v1/ledger/verify")).AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient admin) => await (await admin.PostAsync("/v1/ledger/verify", null)).JsonAsync();

    private static JsonElement Chain(JsonElement report, string chain) =>
        report.GetProperty("chains").EnumerateArray().Single(c => c.GetProperty("chain").GetString() == chain);
}
