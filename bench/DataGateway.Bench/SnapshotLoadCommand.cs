using System.Diagnostics;
using System.Globalization;
using DataGateway.Catalog.Store.Snapshots;
using Npgsql;

namespace DataGateway.Bench;

/// <summary>
/// <c>snapshot-load CONNECTION-STRING [runs]</c>: how long a gateway takes to read and build the whole catalog
/// (<see cref="CatalogSnapshotLoader"/>) from a catalog database, such as the one <c>bench/catalog/run.sh</c> leaves
/// in <c>bench_catalog</c>. Prints each run's wall time, process CPU time and allocation; the first run includes
/// the JIT.
/// </summary>
internal static class SnapshotLoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length is < 1 or > 2)
        {
            Console.Error.WriteLine("usage: DataGateway.Bench snapshot-load CONNECTION-STRING [runs]");
            return 2;
        }

        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        await using var dataSource = NpgsqlDataSource.Create(args[0]);
        Console.WriteLine("| run | datasets | wall ms | CPU ms | allocated MB |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: |");
        for (var run = 1; run <= runs; run++)
        {
            var process = Process.GetCurrentProcess();
            var cpu = process.TotalProcessorTime;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var snapshot = await CatalogSnapshotLoader.LoadAsync(dataSource);
            clock.Stop();
            process.Refresh();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {run} | {snapshot.Datasets.Count():N0} | {clock.ElapsedMilliseconds} | {(process.TotalProcessorTime - cpu).TotalMilliseconds:F0} | {(GC.GetTotalAllocatedBytes(precise: true) - allocated) / 1e6:F0} |"));
        }

        return 0;
    }
}
