using DataGateway.Testing;
using Npgsql;

namespace DataGateway.EndToEnd.Tests.Returns;

/// <summary>
/// Issue 14, the test the issue names: the demo housing dataset returned to the 16 demo receivers, the worker killed
/// mid-way (kill -9) and started again, and every district holding exactly its own rows, once, with only its return
/// set's fields, masked: exactly what it reads of its own rows through the data API.
/// </summary>
public sealed class ReturnCrashTests(ReturnCity city) : IClassFixture<ReturnCity>
{
    [Fact]
    public async Task Housing_WorkerKilledMidway_EveryDistrictGetsItsOwnRowsOnce()
    {
        // Small batches and a slow answer from every district, so that the job is certainly mid-way when it is killed.
        await city.SetBatchSizeAsync(20);
        await city.Receivers.ResetAsync();
        foreach (var district in DemoReceivers.Districts)
        {
            await city.Receivers.ControlAsync(district, ReceiverControl.Slow(40));
        }

        var job = await city.StartReturnAsync(new { dataset = "housing" });
        var id = job.GetProperty("id").GetString()!;
        Assert.Equal("queued", job.GetProperty("state").GetString());
        Assert.Equal(16, job.GetProperty("districts").GetArrayLength());

        await WaitForBatchesAsync(40);
        city.Worker.Kill();
        var stopped = await city.ReturnAsync(id);
        Assert.Equal("running", stopped.GetProperty("state").GetString());
        var deliveredBefore = stopped.GetProperty("progress").GetProperty("rowsDelivered").GetInt64();

        await city.Receivers.ControlAsync(DemoReceivers.Districts[0], ReceiverControl.Ok);
        foreach (var district in DemoReceivers.Districts)
        {
            await city.Receivers.ControlAsync(district, ReceiverControl.Ok);
        }

        await city.StartWorkerAsync();
        var done = await city.WaitForStateAsync(id, "completed");

        long total = 0;
        foreach (var district in DemoReceivers.Districts)
        {
            var received = (await city.Receivers.AllRecordsAsync(district)).Select(r => r.GetRawText()).Order(StringComparer.Ordinal).ToList();
            var pulled = (await city.PulledAsync("housing", district)).Order(StringComparer.Ordinal).ToList();
            Assert.NotEmpty(pulled);
            Assert.Equal(pulled, received);
            Assert.All(received, r =>
            {
                Assert.Contains($"\"district_code\":\"{district}\"", r, StringComparison.Ordinal);
                Assert.DoesNotContain("owner_id_number", r, StringComparison.Ordinal);
                Assert.Contains("\"owner_name\":\"", r, StringComparison.Ordinal);
                Assert.Contains("*", r, StringComparison.Ordinal);
            });

            // At most the one batch in flight at the kill was sent again, and the receiver saw its id twice.
            var summary = await city.Receivers.SummaryAsync(district);
            Assert.InRange(summary.Duplicates, 0, 1);
            total += received.Count;
        }

        var receipts = done.GetProperty("districts").EnumerateArray().ToList();
        Assert.All(receipts, r =>
        {
            Assert.Equal("delivered", r.GetProperty("state").GetString());
            Assert.Equal(r.GetProperty("sourceRows").GetInt64(), r.GetProperty("rowsDelivered").GetInt64());
            Assert.True(r.GetProperty("reconciled").GetBoolean());
        });
        Assert.Empty(done.GetProperty("gaps").EnumerateArray());
        Assert.Equal(total, done.GetProperty("progress").GetProperty("rowsDelivered").GetInt64());
        Assert.Equal(100, done.GetProperty("progress").GetProperty("percent").GetDouble());
        Assert.True(deliveredBefore > 0 && deliveredBefore < total, $"{deliveredBefore} of {total} before the kill");
        Assert.Equal(0, done.GetProperty("held").GetProperty("total").GetInt64());
        Assert.Equal(total, done.GetProperty("rowsRead").GetInt64());

        // Each delivered batch is one ledger record, action return, free; the sent-again batch is not recorded twice.
        await using var connection = new NpgsqlConnection(city.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select count(*), coalesce(sum(rows_returned), 0)::bigint, count(*) filter (where billable or amount <> 0) from ledger_records where action = 'return' and dataset = 'housing'",
            connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(receipts.Sum(r => r.GetProperty("batches").GetInt64()), reader.GetInt64(0));
        Assert.Equal(total, reader.GetInt64(1));
        Assert.Equal(0, reader.GetInt64(2));
    }

    private async Task WaitForBatchesAsync(long batches)
    {
        var deadline = DateTime.UtcNow.AddSeconds(120);
        while ((await city.Receivers.SummariesAsync()).Sum(s => s.Batches) < batches)
        {
            Assert.True(DateTime.UtcNow < deadline, "the worker delivered too little: " + city.Worker.Output);
            await Task.Delay(20);
        }
    }
}
