using BenchmarkDotNet.Running;

namespace DataGateway.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/DataGateway.Bench -- --filter '*Filter*'</c> runs the BenchmarkDotNet
/// suites; <c>-- filter-throughput [gigabytes]</c> streams a generated response through the field filter;
/// <c>-- ledger-ingest CONNECTION-STRING [records]</c> measures the ledger's group commit into PostgreSQL;
/// <c>-- ledger-archive CONNECTION-STRING [records]</c> times a month's archive, its offline verify and its detach;
/// <c>-- csv-parse FILE [runs]</c> measures the catalog import's CSV parsing alone; <c>-- snapshot-load
/// CONNECTION-STRING [runs]</c> measures a gateway's load of the whole catalog; <c>-- landing-throughput URL
/// SECRETS-DIR [records]</c> posts batches to the demo's landing receivers (<c>bench/receivers/run.sh</c>).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "filter-throughput")
        {
            return await FilterThroughputCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "ledger-ingest")
        {
            return await LedgerIngestCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "ledger-archive")
        {
            return await LedgerArchiveCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "csv-parse")
        {
            return CsvParseCommand.Run(args[1..]);
        }

        if (args.Length > 0 && args[0] == "snapshot-load")
        {
            return await SnapshotLoadCommand.RunAsync(args[1..]);
        }

        if (args.Length > 0 && args[0] == "landing-throughput")
        {
            return await LandingThroughputCommand.RunAsync(args[1..]);
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
