using System.Net;
using DataGateway.Testing;
using Xunit.Abstractions;
using static DataGateway.Catalog.Tests.Ledger.LedgerCity;

namespace DataGateway.Catalog.Tests.Ledger;

/// <summary>
/// Issue 12, point 1: a ledger answer that cannot be produced whole must never look complete. The query is made to
/// fail for real, in PostgreSQL: a column it reads renamed (before the first byte), or its server process terminated
/// while a long CSV export streams (after bytes were sent). A class of its own, since it breaks its database.
/// </summary>
public class LedgerExportFailureTests(LedgerCity city, ITestOutputHelper output) : IClassFixture<LedgerCity>
{
    private static readonly TimeSpan Shanghai = TimeSpan.FromHours(8);

    [Theory]
    [InlineData("")]
    [InlineData("&format=csv")]
    public async Task Query_DatabaseRefusesIt_Answers500ProblemNotAnEmptyLookingFile(string format)
    {
        await city.WriteCallsAsync([Call("op-refused", "refused-ds", new DateTimeOffset(2030, 1, 1, 0, 0, 0, Shanghai))]);
        using var admin = city.Admin();
        await city.SqlAsync("alter table ledger_amendments rename column kind to kind_moved_away");
        HttpResponseMessage refused;
        try
        {
            refused = await admin.GetAsync("/v1/ledger?dataset=refused-ds" + format);
        }
        finally
        {
            await city.SqlAsync("alter table ledger_amendments rename column kind_moved_away to kind");
        }

        var problem = await refused.AssertProblemAsync(HttpStatusCode.InternalServerError, "internal_error");
        Assert.Equal(500, problem.GetProperty("status").GetInt32());
        Assert.Null(refused.Content.Headers.ContentDisposition);
        // Once the database answers again, so does the ledger.
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/ledger?dataset=refused-ds" + format)).StatusCode);
    }

    [Fact]
    public async Task CsvExport_QueryFailsPartWay_AbortsTheConnectionAndCountsAnError()
    {
        // About 50 MB of CSV: far more than every buffer between PostgreSQL and the client holds, so while the client
        // does not read, PostgreSQL is left waiting to send the rest.
        var fields = Enumerable.Range(0, 40).Select(i => $"field_with_a_rather_long_name_{i:D3}").ToArray();
        var at = new DateTimeOffset(2030, 2, 1, 0, 0, 0, Shanghai);
        await city.WriteCallsAsync(Enumerable.Range(0, 40_000).Select(i => Call("op-long", "long-ds", at.AddTicks(i * 10L), r => r with { Fields = fields })));
        using var admin = city.Admin();

        using var response = await admin.GetAsync("/v1/ledger?dataset=long-ds&format=csv", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var bom = new byte[3];
        await body.ReadExactlyAsync(bom);
        Assert.Equal([0xEF, 0xBB, 0xBF], bom);
        await city.SqlAsync($"select pg_terminate_backend({await ExportBackendAsync()})");

        // The client sees a broken transfer, never a file that merely ends early.
        await Assert.ThrowsAnyAsync<IOException>(() => body.CopyToAsync(Stream.Null));
        var counted = await ScrapeUntilAsync(lines => lines.FirstOrDefault(l =>
            // Every series carries error_type; an empty one (as good as none, to Prometheus) is a request that did not fail.
            l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
            && l.Contains("error_type=\"", StringComparison.Ordinal) && !l.Contains("error_type=\"\"", StringComparison.Ordinal)
            && l.Contains("http_route=\"/v1/ledger/\"", StringComparison.Ordinal) && l.Contains("http_response_status_code=\"200\"", StringComparison.Ordinal)));
        output.WriteLine(counted);
        Assert.EndsWith(" 1", counted, StringComparison.Ordinal);
    }

    /// <summary>The PostgreSQL process running the export, once it waits for the catalog to take more rows.</summary>
    private async Task<int> ExportBackendAsync()
    {
        await using var command = city.DataSource.CreateCommand(
            """
            select pid from pg_stat_activity
            where datname = current_database() and pid <> pg_backend_pid() and wait_event = 'ClientWrite' and query like '%from ledger_records r%'
            """);
        for (var attempt = 0; attempt < 1200; attempt++)
        {
            if (await command.ExecuteScalarAsync() is int pid)
            {
                return pid;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("The export's query never waited for the catalog to read: no ClientWrite in pg_stat_activity.");
    }

    private async Task<string> ScrapeUntilAsync(Func<string[], string?> find)
    {
        using var prometheus = city.Client(null);
        var body = "";
        // The request is counted when the server has finished with it, which may be after the client saw the break.
        for (var attempt = 0; attempt < 200; attempt++)
        {
            body = await prometheus.GetStringAsync("/metrics");
            if (find(body.Split('\n')) is { } line)
            {
                return line;
            }

            await Task.Delay(50);
        }

        throw new Xunit.Sdk.XunitException("The aborted export is not counted as an error:\n"
            + string.Join('\n', body.Split('\n').Where(l => l.Contains("/v1/ledger", StringComparison.Ordinal))));
    }
}
