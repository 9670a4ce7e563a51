using System.Net;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.EndToEnd.Tests.Lifecycle;

/// <summary>
/// Issue 19, point 3, through a real gateway process: with <c>DataGateway:Ledger:Acknowledge=Journal</c> a call
/// completes once its record is fsync'd to the gateway's journal, the record reaches PostgreSQL behind it, and a
/// gateway stopped with SIGTERM leaves no journal file behind (everything it acknowledged is in PostgreSQL).
/// </summary>
public class JournalFirstGatewayTests(DemoCity city) : IClassFixture<DemoCity>
{
    [Fact]
    public async Task DistrictCall_IsAcknowledgedFromTheJournal_AndItsRecordFollowsIntoPostgres()
    {
        var (replica, url) = await city.StartReplicaAsync("journal-first", new Dictionary<string, string> { ["DataGateway__Ledger__Acknowledge"] = "Journal" });
        using var xuhui = DemoCity.Client(url, city.Token("district-310104"));

        var responses = new List<HttpResponseMessage>();
        for (var i = 0; i < 5; i++)
        {
            responses.Add(await xuhui.GetAsync("/api/housing?size=3"));
        }

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var ids = responses.Select(r => Guid.ParseExact(r.Headers.GetValues("X-Request-Id").Single(), "N")).ToArray();
        // Behind the call, so waited for (as long as a busy machine needs); never timed.
        for (var i = 0; i < 600 && await CountAsync(ids) < ids.Length; i++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(ids.Length, await CountAsync(ids));
        Assert.Contains("calls released once their records are durable in the Journal", replica.Output);

        var exit = await replica.TerminateAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, exit);
        var journal = Path.Combine(Path.GetDirectoryName(city.JournalDirectory)!, "journal-journal-first");
        Assert.Empty(Directory.EnumerateFiles(journal, "*.journal"));
        Assert.Equal(ids.Length, await CountAsync(ids)); // each once, after the drain at SIGTERM too
        Assert.Equal(ids.Length, await CountAsync(ids, "and chain like 'journal-first.%' and complete and rows_returned = 3"));
    }

    private async Task<long> CountAsync(Guid[] ids, string condition = "")
    {
        await using var connection = new NpgsqlConnection(city.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select count(*) from ledger_records where request_id = any(@ids) " + condition, connection);
        command.Parameters.AddWithValue("ids", ids);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
