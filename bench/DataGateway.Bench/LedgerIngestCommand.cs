using System.Diagnostics;
using DataGateway.Ledger.Schema;
using DataGateway.Ledger;
using Npgsql;

namespace DataGateway.Bench;

/// <summary>
/// Ledger ingestion: many concurrent calls append records, the group-commit writer stores them. Creates (and drops)
/// a database <c>bench_ledger</c> on the server given. Issue 5's target: at least 50,000 records/s sustained; issue 16's:
/// at least 90,000 with ledger_records partitioned by month. A fourth argument <c>unpartitioned</c> stops the schema
/// before migration 005, to compare in the same run. Prints the bytes each record takes on disk (table, indexes, TOAST).
/// </summary>
internal static class LedgerIngestCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var server = args.Length > 0 ? args[0] : throw new ArgumentException("usage: ledger-ingest CONNECTION-STRING [records] [concurrent callers]");
        var total = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 500_000;
        await using (var admin = NpgsqlDataSource.Create(server))
        {
            await admin.CreateCommand("drop database if exists bench_ledger with (force)").ExecuteNonQueryAsync();
            await admin.CreateCommand("create database bench_ledger").ExecuteNonQueryAsync();
        }

        await using var dataSource = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(server) { Database = "bench_ledger" }.ConnectionString);
        var partitioned = args.Length <= 3 || args[3] != "unpartitioned";
        if (partitioned)
        {
            await LedgerSchema.ApplyAsync(dataSource);
        }
        else
        {
            foreach (var (_, sql) in LedgerSchema.Owner.Scripts().Where(s => string.CompareOrdinal(s.Name, "005") < 0))
            {
                await dataSource.CreateCommand(sql).ExecuteNonQueryAsync();
            }
        }

        var store = new LedgerStore(dataSource);
        var callers = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1024;
        // A fifth argument: how many writers (each its own chain) share the callers, as a gateway with that many chains would.
        var writerCount = args.Length > 4 ? int.Parse(args[4], System.Globalization.CultureInfo.InvariantCulture) : 1;
        var writers = new List<LedgerWriter>();
        for (var w = 0; w < writerCount; w++)
        {
            writers.Add(new LedgerWriter(store, await store.OpenChainAsync($"bench-{w}", default)));
        }

        var started = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            var writer = writers[c % writerCount];
            for (var i = c; i < total; i += callers)
            {
                await writer.AppendAsync(SampleRecords.OperatorQuery(DateTimeOffset.UtcNow));
            }
        })));
        long batches = 0;
        foreach (var writer in writers)
        {
            await writer.DisposeAsync();
            batches += writer.Batches;
        }

        var seconds = started.Elapsed.TotalSeconds;
        // A partitioned table has no storage of its own: its partitions' sizes, summed (pg_partition_tree lists nothing for a plain table).
        await dataSource.CreateCommand("vacuum analyze ledger_records").ExecuteNonQueryAsync();
        var bytes = (decimal)(await dataSource.CreateCommand("select coalesce(sum(pg_total_relation_size(relid)), pg_total_relation_size('ledger_records')) from pg_partition_tree('ledger_records')").ExecuteScalarAsync())!;
        Console.WriteLine($"{(partitioned ? "partitioned" : "unpartitioned")}: {bytes / total:F0} bytes per record on disk");
        Console.WriteLine($"{total:N0} records from {callers} concurrent callers in {seconds:F2} s: {total / seconds:N0} records/s, {batches:N0} batches (mean {total / (double)batches:F0} per batch)");
        return 0;
    }
}
