using System.Net;
using System.Text.Json;
using DataGateway.Ledger.Verification;
using DataGateway.Testing;
using static DataGateway.Catalog.Tests.Ledger.LedgerCity;

namespace DataGateway.Catalog.Tests.Ledger;

/// <summary>
/// Issue 17, point 5: every <c>POST /v1/ledger/verify</c> is kept as a run, failed ones too, and
/// <c>GET /v1/ledger/verifications</c> lists them newest first, paged like the catalog's other lists (admins only).
/// A class of its own, since the tampering stays in its database.
/// </summary>
public class LedgerVerificationsTests(LedgerCity city) : IClassFixture<LedgerCity>
{
    [Fact]
    public async Task Verifications_EachRunKeptNewestFirst_ABrokenChainRecordedAsFailed()
    {
        using var admin = city.Admin();
        using (var none = await admin.GetAsync("/v1/ledger/verifications"))
        {
            Assert.Empty((await none.JsonAsync()).EnumerateArray());
            Assert.Equal("0", Total(none));
        }

        var at = new DateTimeOffset(2030, 9, 1, 9, 0, 0, TimeSpan.FromHours(8));
        var stored = await city.WriteCallsAsync(Enumerable.Range(0, 4).Select(i => Call("op-verify", "runs-ds", at.AddSeconds(i))));
        for (var i = 0; i < 3; i++)
        {
            Assert.True((await VerifyAsync(admin)).GetProperty("intact").GetBoolean());
        }

        await city.SqlAsync($"update ledger_records set rows_returned = rows_returned + 1 where chain = '{stored[0].Chain}' and seq = 2");
        var tampered = await VerifyAsync(admin);
        Assert.False(tampered.GetProperty("intact").GetBoolean());

        // The last verification is ?size=1: the failed one, with the chain that broke first.
        using var last = await admin.GetAsync("/v1/ledger/verifications?size=1");
        var latest = Assert.Single((await last.JsonAsync()).EnumerateArray());
        Assert.Equal("4", Total(last));
        Assert.Contains("rel=\"next\"", last.Headers.GetValues("Link").Single());
        Assert.Equal(("failed", false, "admin"), (latest.GetProperty("result").GetString(), latest.GetProperty("intact").GetBoolean(), latest.GetProperty("verifiedBy").GetString()));
        var broken = latest.GetProperty("firstBreak");
        Assert.Equal((stored[0].Chain, ChainProblems.RecordAltered, 2L),
            (broken.GetProperty("chain").GetString(), broken.GetProperty("problem").GetString(), broken.GetProperty("seq").GetInt64()));
        Assert.False(string.IsNullOrEmpty(broken.GetProperty("detail").GetString()));
        Assert.Equal(1, latest.GetProperty("chainsBroken").GetInt32());
        Assert.Equal(tampered.GetProperty("chains").GetArrayLength(), latest.GetProperty("chainsChecked").GetInt32());
        var records = tampered.GetProperty("chains").EnumerateArray().Sum(c => c.GetProperty("records").GetInt64());
        Assert.Equal(records, latest.GetProperty("recordsChecked").GetInt64());
        Assert.True(records >= 4, tampered.ToString());
        Assert.Equal(tampered.GetProperty("verifiedAt").GetDateTimeOffset(), latest.GetProperty("verifiedAt").GetDateTimeOffset());
        Assert.True(latest.GetProperty("startedAt").GetDateTimeOffset() <= latest.GetProperty("verifiedAt").GetDateTimeOffset());
        Assert.True(latest.GetProperty("durationMilliseconds").GetDouble() > 0);

        // Every run, newest first, over pages that neither overlap nor skip.
        var all = (await (await admin.GetAsync("/v1/ledger/verifications")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["failed", "passed", "passed", "passed"], all.Select(r => r.GetProperty("result").GetString()));
        Assert.Equal(all.Select(r => r.GetProperty("verifiedAt").GetDateTimeOffset()).OrderDescending(), all.Select(r => r.GetProperty("verifiedAt").GetDateTimeOffset()));
        Assert.All(all.Skip(1), r => Assert.Equal(JsonValueKind.Null, r.GetProperty("firstBreak").ValueKind));
        Assert.All(all.Skip(1), r => Assert.Equal(0, r.GetProperty("chainsBroken").GetInt32()));
        using var second = await admin.GetAsync("/v1/ledger/verifications?page=2&size=3");
        Assert.Equal([all[3].GetProperty("id").GetGuid()], (await second.JsonAsync()).EnumerateArray().Select(r => r.GetProperty("id").GetGuid()));
        Assert.Equal("4", Total(second));
        Assert.DoesNotContain("rel=\"next\"", second.Headers.GetValues("Link").Single());
    }

    [Fact]
    public async Task Verifications_NotAdminOrBadPage_IsRefusedWithAProblem()
    {
        using var bank = city.Client(city.Tokens.Operator("op-verify"));
        using var district = city.Client(city.Tokens.District(Districts[0]));
        using var admin = city.Admin();

        await (await bank.GetAsync("/v1/ledger/verifications")).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
        await (await district.GetAsync("/v1/ledger/verifications?size=1")).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
        var invalid = await (await admin.GetAsync("/v1/ledger/verifications?size=0")).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(invalid.GetProperty("errors").TryGetProperty("size", out _), invalid.ToString());
        await (await admin.PostAsync("/v1/ledger/verifications", null)).AssertProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
    }

    private static async Task<JsonElement> VerifyAsync(HttpClient admin) => await (await admin.PostAsync("/v1/ledger/verify", null)).JsonAsync();

    private static string Total(HttpResponseMessage response) =>
        response.Headers.GetValues("X-Total-Count").Single();
}
