using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using DataGateway.Ledger;
using DataGateway.Ledger.Archive;
using DataGateway.Ledger.Schema;
using DataGateway.Ledger.Verification;
using Npgsql;

namespace DataGateway.Bench;

/// <summary>
/// A month's archive: writes RECORDS records into one past month (2025-06) over four chains, a signed checkpoint every
/// 100,000 records per chain, in a database <c>bench_ledger_archive</c> it creates (and drops first) on the server
/// given; then times <c>archive</c>, the offline <c>verify --archive</c> and <c>detach</c>, and prints each per
/// million records and the file's bytes per record. Issue 16, point 5.
/// </summary>
internal static class LedgerArchiveCommand
{
    private const int Chains = 4;

    public static async Task<int> RunAsync(string[] args)
    {
        var server = args.Length > 0 ? args[0] : throw new ArgumentException("usage: ledger-archive CONNECTION-STRING [records]");
        var total = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1_000_000;
        await using (var admin = NpgsqlDataSource.Create(server))
        {
            await admin.CreateCommand("drop database if exists bench_ledger_archive with (force)").ExecuteNonQueryAsync();
            await admin.CreateCommand("create database bench_ledger_archive").ExecuteNonQueryAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = "bench_ledger_archive" }.ConnectionString);
        await LedgerSchema.ApplyAsync(dataSource);
        var month = new LedgerMonth(2025, 6);
        await dataSource.CreateCommand($"select ledger_ensure_partition('{month.Start:O}')").ExecuteNonQueryAsync();
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var signer = new CheckpointSigner(key, KeyIds.Thumbprint(key));
        var keys = new Dictionary<string, ECDsa> { [signer.KeyId] = key };
        var loading = Stopwatch.StartNew();
        await LoadAsync(new LedgerStore(dataSource), signer, month, total);
        Console.WriteLine($"loaded {total:N0} records of {month} in {loading.Elapsed.TotalSeconds:F1} s");

        var file = Path.Combine(Path.GetTempPath(), $"bench-ledger-{month}-{Environment.ProcessId}.jsonl.gz");
        try
        {
            // Wall time, and this process's CPU time beside it: on a shared machine the second is the steadier figure
            // (PostgreSQL's own CPU is not in it).
            var (archiveSeconds, archiveCpu, archived) = await TimedAsync(() => new LedgerArchiver(dataSource).ArchiveAsync(month, file));
            var (verifySeconds, verifyCpu, intact) = await TimedAsync(() => Task.FromResult(new ArchiveVerifier(keys).Verify([file]).Report.Intact));
            var (detachSeconds, detachCpu, _) = await TimedAsync(() => new ArchiveDetacher(dataSource, new ArchiveVerifier(keys)).DetachAsync(month, file, keepTable: false));

            var perMillion = 1_000_000.0 / archived.Records;
            Console.WriteLine($"archive: {archived.Records:N0} records, {archived.Checkpoints} checkpoints in {archiveSeconds:F1} s: {archiveSeconds * perMillion:F1} s per million ({archiveCpu * perMillion:F1} s CPU of this process), {archived.Records / archiveSeconds:N0} records/s");
            Console.WriteLine($"file: {archived.Bytes:N0} bytes, {archived.Bytes / (double)archived.Records:F1} bytes per record (gzip'd JSON Lines)");
            Console.WriteLine($"verify --archive: {(intact ? "intact" : "TAMPERED")} in {verifySeconds:F1} s: {verifySeconds * perMillion:F1} s per million ({verifyCpu * perMillion:F1} s CPU)");
            Console.WriteLine($"detach (verify again, compare every record, detach, drop): {detachSeconds:F1} s: {detachSeconds * perMillion:F1} s per million ({detachCpu * perMillion:F1} s CPU)");
            return intact ? 0 : 1;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task<(double Seconds, double CpuSeconds, T Result)> TimedAsync<T>(Func<Task<T>> run)
    {
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var wall = Stopwatch.StartNew();
        var result = await run();
        return (wall.Elapsed.TotalSeconds, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds, result);
    }

    /// <summary>The records, spread over the month, sealed into their chains and stored by binary COPY in batches.</summary>
    private static async Task LoadAsync(LedgerStore store, CheckpointSigner signer, LedgerMonth month, int total)
    {
        var chains = Enumerable.Range(0, Chains).Select(i => new LedgerChain($"bench-{i}", 0, LedgerChain.Genesis)).ToArray();
        var perChain = total / Chains;
        var span = (month.End - month.Start).Ticks / total;
        const int Batch = 10_000;
        for (var done = 0; done < perChain; done += Batch)
        {
            for (var c = 0; c < Chains; c++)
            {
                var chain = chains[c];
                var batch = new List<LedgerRecord>(Batch);
                for (var i = done; i < Math.Min(perChain, done + Batch); i++)
                {
                    // The chains interleave in time, as gateways serving calls side by side do.
                    var at = month.Start.AddTicks(span * ((long)i * Chains + c));
                    batch.Add(chain.Seal(SampleRecords.OperatorQuery(at, Guid.CreateVersion7(at))));
                    if (chain.LastSeq % 100_000 == 0)
                    {
                        await store.WriteCheckpointAsync(signer.Sign(chain.Id, chain.LastSeq, chain.LastHash, DateTimeOffset.UtcNow), default);
                    }
                }

                await store.WriteAsync(batch, default);
            }
        }
    }
}
