using System.Net;
using System.Text.Json;
using Npgsql;

namespace DataGateway.Catalog.Tests.Bills;

/// <summary>
/// Bills and the access report over a month of the ledger that was archived and detached: refused with 410
/// <c>ledger_month_archived</c>, naming the month and its file, instead of a statement silently short of that month's
/// calls. The archive's rows are written straight into <c>ledger_archives</c> here (archiving and detaching a real
/// partition is <c>DataGateway.Ledger.Tests</c>' LedgerArchiveTests); each test uses months of its own.
/// </summary>
public sealed class ArchivedMonthTests(BillingCity city) : IClassFixture<BillingCity>
{
    [Fact]
    public async Task Bills_OfAShanghaiMonthTouchingADetachedUtcMonth_Are410NamingTheMonthAndItsFile()
    {
        // UTC month 2024-03 detached: Shanghai's March bill (from 2024-02-29 16:00 UTC) and April's (whose first eight
        // hours are UTC March) cannot be made whole; February's and May's can.
        await ArchiveAsync("2024-03-01", detached: true);
        using var admin = city.Admin();

        foreach (var path in new[] { "/v1/bills/op-bank/2024-03", "/v1/bills/op-bank/2024-04", "/v1/bills/2024-03", "/v1/bills/2024-04" })
        {
            using var response = await admin.GetAsync(path);
            var problem = await AssertArchivedAsync(response);
            Assert.Contains("2024-03 (ledger-2024-03.jsonl.gz)", problem.GetProperty("detail").GetString());
        }

        foreach (var path in new[] { "/v1/bills/op-bank/2024-02", "/v1/bills/op-bank/2024-05", "/v1/bills/2024-05" })
        {
            using var response = await admin.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    [Fact]
    public async Task Bills_OfAMonthArchivedButNotYetDetached_AreStillMadeFromTheDatabase()
    {
        await ArchiveAsync("2024-07-01", detached: false);
        using var admin = city.Admin();

        using var response = await admin.GetAsync("/v1/bills/op-bank/2024-07");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Bills_OfAnOperatorsOwnDetachedMonth_Are410ForItToo()
    {
        await ArchiveAsync("2024-09-01", detached: true);
        using var bank = city.Client(city.Tokens.Operator("op-bank"));

        using var response = await bank.GetAsync("/v1/bills/op-bank/2024-09");

        await AssertArchivedAsync(response);
    }

    [Theory]
    [InlineData("from=2024-11-15T00:00:00Z&to=2024-12-15T00:00:00Z", true)]
    [InlineData("to=2024-11-01T00:00:01Z", true)]
    [InlineData("", true)] // no period: all of the ledger
    [InlineData("from=2024-12-01T00:00:00Z", false)]
    [InlineData("from=2024-10-01T00:00:00Z&to=2024-11-01T00:00:00Z", false)]
    public async Task AccessReport_OverAPeriodReachingADetachedMonth_Is410(string period, bool refused)
    {
        await ArchiveAsync("2024-11-01", detached: true);
        // The other tests detach only 2024-03 and 2024-09, so the periods that pass here avoid both.
        using var admin = city.Admin();

        using var response = await admin.GetAsync($"/v1/ledger/access-report?dataset=housing&district=310104&{period}");

        if (refused)
        {
            await AssertArchivedAsync(response);
        }
        else
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private async Task ArchiveAsync(string month, bool detached)
    {
        await using var command = city.DataSource.CreateCommand(
            """
            insert into ledger_archives (month, file_name, file_sha256, records, verified_at, detached_at)
            values (@month::date, @file, '\x00', 0, now(), case when @detached then now() end)
            on conflict (month) do nothing
            """);
        command.Parameters.AddWithValue("month", month);
        command.Parameters.AddWithValue("file", $"ledger-{month[..7]}.jsonl.gz");
        command.Parameters.AddWithValue("detached", detached);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<JsonElement> AssertArchivedAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("ledger_month_archived", problem.GetProperty("code").GetString());
        Assert.True(problem.TryGetProperty("requestId", out _) || response.Headers.Contains("X-Request-Id"));
        return problem;
    }
}
