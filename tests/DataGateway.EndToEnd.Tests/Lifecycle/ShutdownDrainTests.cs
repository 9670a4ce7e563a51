using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Npgsql;
using Xunit.Abstractions;

namespace DataGateway.EndToEnd.Tests.Lifecycle;

/// <summary>
/// Issue 16, point 3: a gateway replica under load from concurrent clients, in front of a slow upstream, gets
/// SIGTERM, as Kubernetes sends it. Every response a client received is whole (its JSON parses, its length is what
/// Content-Length said), every call that got no response was refused at connect (none cut off mid-way), the process
/// exits 0 within its grace (<c>DataGateway:Gateway:ShutdownGrace</c>), and every call that was answered has its
/// ledger record in PostgreSQL.
/// </summary>
public class ShutdownDrainTests(DrainCity city, ITestOutputHelper output) : IClassFixture<DrainCity>
{
    private const int Clients = 6;
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Sigterm_UnderLoad_CutsNoCall_LosesNoRecord_ExitsZeroWithinTheGrace()
    {
        var (replica, url) = await city.StartReplicaAsync("drain", new Dictionary<string, string>
        {
            ["DataGateway__Gateway__ShutdownGrace"] = Grace.ToString(),
        });
        var log = new ConcurrentQueue<Outcome>();
        var clock = Stopwatch.StartNew();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var token = city.Token("op-bank");
        var load = Enumerable.Range(0, Clients).Select(_ => Task.Run(() => LoadAsync(url, token, clock, log, stop.Token))).ToArray();

        // Load until every client has been answered a few times, then the signal.
        while (log.Count(o => o.Status == 200) < 20 * Clients && !stop.IsCancellationRequested)
        {
            await Task.Delay(50);
        }

        var signalledAt = clock.Elapsed;
        var exitCode = await replica.TerminateAsync(Grace + TimeSpan.FromSeconds(30));
        var exitedAfter = clock.Elapsed - signalledAt;
        await Task.WhenAll(load);

        var answered = log.Where(o => o.Status is not null).ToList();
        var refused = log.Count(o => o.Failure == Failure.Refused);
        var cut = log.Where(o => o.Failure == Failure.Cut).ToList();
        var inFlight = answered.Count(o => o.Started < signalledAt && o.Ended > signalledAt);
        var records = await RecordedAsync(answered.Select(o => o.RequestId!.Value).ToArray());
        output.WriteLine($"calls {log.Count}; answered {answered.Count} ({answered.Count(o => o.Status == 200)} × 200), {inFlight} of them in flight at SIGTERM; " +
                         $"refused at connect {refused}; cut {cut.Count}; exit code {exitCode} after {exitedAfter.TotalMilliseconds:F0} ms (grace {Grace.TotalSeconds} s, upstream delay {DrainCity.UpstreamDelay.TotalMilliseconds} ms); " +
                         $"records {records.Count}, {records.Values.Count(complete => complete)} complete");

        Assert.True(exitCode == 0, $"Exit code {exitCode} on SIGTERM:\n{replica.Output}");
        Assert.True(exitedAfter <= Grace, $"Exited {exitedAfter} after SIGTERM, past the grace of {Grace}.");
        // Each call waits on its upstream (DrainCity.UpstreamDelay), so the clients' calls were in flight at the signal.
        Assert.True(inFlight >= 1, "No call was in flight at SIGTERM: the test proved nothing about the drain.");
        Assert.True(cut.Count == 0, $"{cut.Count} calls cut, e.g. {cut.FirstOrDefault()?.Detail}");
        Assert.All(answered, o => Assert.True(o.Whole, $"Response {o.RequestId} ({o.Status}) is not whole: {o.Detail}"));
        Assert.True(refused >= Clients, $"Only {refused} calls after the close; each client stops after its third refusal.");
        var missing = answered.Where(o => !records.ContainsKey(o.RequestId!.Value)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} answered calls have no ledger record, e.g. {missing.FirstOrDefault()?.RequestId}.");
        Assert.All(answered.Where(o => o.Status == 200), o => Assert.True(records[o.RequestId!.Value], $"Delivered call {o.RequestId} is recorded incomplete."));
        Assert.Contains("Call ledger stopped", replica.Output);
    }

    /// <summary>One client: calls in a loop, each response read whole and checked; stops after its third refusal at connect.</summary>
    private static async Task LoadAsync(Uri gateway, string token, Stopwatch clock, ConcurrentQueue<Outcome> log, CancellationToken stop)
    {
        using var client = new HttpClient { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var refusals = 0;
        while (refusals < 3 && !stop.IsCancellationRequested)
        {
            var started = clock.Elapsed;
            try
            {
                using var response = await client.GetAsync("/api/enterprises?size=100", HttpCompletionOption.ResponseHeadersRead, CancellationToken.None);
                var id = response.Headers.TryGetValues("X-Request-Id", out var values) ? Guid.ParseExact(values.Single(), "N") : (Guid?)null;
                byte[] body;
                try
                {
                    body = await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                }
                catch (Exception ex) when (ex is HttpRequestException or IOException)
                {
                    // Headers came, the body did not: exactly what a drain must never do.
                    log.Enqueue(new Outcome(started, clock.Elapsed, null, id, false, Failure.Cut, ex.Message));
                    continue;
                }

                var (whole, detail) = Check(response, body);
                log.Enqueue(new Outcome(started, clock.Elapsed, (int)response.StatusCode, id, whole && id is not null, Failure.None, detail));
            }
            catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
            {
                refusals++;
                log.Enqueue(new Outcome(started, clock.Elapsed, null, null, false, Failure.Refused, ex.Message));
                await Task.Delay(20, CancellationToken.None);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
            {
                // The request went out on a connection and no (whole) answer came back.
                log.Enqueue(new Outcome(started, clock.Elapsed, null, null, false, Failure.Cut, ex.ToString()));
            }
        }
    }

    private static (bool Whole, string Detail) Check(HttpResponseMessage response, byte[] body)
    {
        if (response.Content.Headers.ContentLength is { } length && length != body.Length)
        {
            return (false, $"Content-Length {length}, {body.Length} bytes read");
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return (true, $"{body.Length} bytes");
        }
        catch (JsonException ex)
        {
            return (false, $"{body.Length} bytes that do not parse: {ex.Message}");
        }
    }

    /// <summary>Each request id's record: true when it counts as complete.</summary>
    private async Task<Dictionary<Guid, bool>> RecordedAsync(Guid[] requestIds)
    {
        await using var connection = new NpgsqlConnection(city.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select request_id, complete and a.kind is null from ledger_records left join ledger_amendments a using (request_id)
            where request_id = any(@ids)
            """, connection);
        command.Parameters.AddWithValue("ids", requestIds);
        var records = new Dictionary<Guid, bool>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            Assert.True(records.TryAdd(reader.GetGuid(0), reader.GetBoolean(1)), $"Request id {reader.GetGuid(0)} recorded twice.");
        }

        return records;
    }

    private enum Failure
    {
        None,
        Refused,
        Cut,
    }

    private sealed record Outcome(TimeSpan Started, TimeSpan Ended, int? Status, Guid? RequestId, bool Whole, Failure Failure, string Detail);
}
