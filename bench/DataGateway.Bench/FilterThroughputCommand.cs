using DataGateway.Filtering;
using System.Diagnostics;
using System.Globalization;
using DataGateway.Gateway.Enforcement;

namespace DataGateway.Bench;

/// <summary>
/// <c>filter-throughput [gigabytes]</c>: filters a generated housing response (1 GB by default, produced while it is
/// read, never held in memory) into a null output, and prints MB/s and how far the peak working set grew.
/// </summary>
internal static class FilterThroughputCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var gigabytes = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 1.0;
        var length = (long)(gigabytes * 1024 * 1024 * 1024);
        var records = HousingData.Records(8192);
        var filter = new ResponseFieldFilter();
        var masker = new FieldMasker(HousingData.HashKey);

        // Warm up (JIT, tiering, pools) before the baseline is taken, so that the growth measured is the filter's.
        for (var i = 0; i < 3; i++)
        {
            await filter.FilterAsync(new HousingStream(records, 64L * 1024 * 1024), Stream.Null, HousingData.Plan(true), masker, CancellationToken.None);
            await filter.FilterAsync(new HousingStream(records, 64L * 1024 * 1024), Stream.Null, HousingData.Plan(false), masker, CancellationToken.None);
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        Console.WriteLine($"records ~{records.Average(r => r.Length + 1):F0} bytes each; input {length / 1e6:N0} MB per run; baseline working set {baseline / 1e6:N1} MB");

        // Issue 18's rules cost per record only when a call has them: a consent's subject (here the district field, so
        // 1 row in 16 is the subject's), and record keys (collected up to a page of 1,000, then only read).
        var runs = new (string Name, FilterPlan Plan, Func<FilterCall> Call)[]
        {
            ("district rule (1 of 16)", HousingData.Plan(true), () => FilterCall.None),
            ("no district rule", HousingData.Plan(false), () => FilterCall.None),
            // What bench/proxy/run.sh's district caller gets: every row returned, owner_name and address masked.
            ("every row, two masks", HousingData.Plan(false, addressMask: "keep:6:0"), () => FilterCall.None),
            ("consent subject (1/16)", HousingData.Plan(false, subjectField: "district_code"), () => new FilterCall { Subject = "310104" }),
            ("record keys", HousingData.Plan(false, recordKeyField: "id"), () => new FilterCall { Keys = new RecordKeyCollector(1000) }),
        };
        foreach (var (name, plan, call) in runs)
        {
            var input = new HousingStream(records, length);
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var stopwatch = Stopwatch.StartNew();
            var result = await filter.FilterAsync(input, Stream.Null, plan, masker, call(), CancellationToken.None);
            stopwatch.Stop();
            allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
            process.Refresh();
            Console.WriteLine(
                $"{name,-24} {input.Position / 1e6 / stopwatch.Elapsed.TotalSeconds,7:N0} MB/s  " +
                $"{stopwatch.Elapsed.TotalSeconds:N2} s  records {result.RecordsSeen:N0} -> {result.RecordsReturned:N0}  " +
                $"out {result.BytesWritten / 1e6:N0} MB  allocated {allocated / 1e3:N0} kB  " +
                $"peak working set growth {(process.PeakWorkingSet64 - baseline) / 1e6:N1} MB  {result.ErrorCode ?? "ok"}");
            if (!result.Succeeded)
            {
                return 1;
            }
        }

        ReaderFloor(HousingData.Body(records, 64L * 1024 * 1024));
        return 0;
    }

    /// <summary>
    /// The floor under any filter built on System.Text.Json: its reader alone, token by token over the same records,
    /// reading nothing and writing nothing (issue 19: what a 1 MB answer costs at the very least).
    /// </summary>
    private static void ReaderFloor(byte[] body)
    {
        var tokens = 0L;
        var stopwatch = Stopwatch.StartNew();
        for (var run = 0; run < 8; run++)
        {
            var reader = new System.Text.Json.Utf8JsonReader(body);
            while (reader.Read())
            {
                tokens++;
            }
        }

        stopwatch.Stop();
        Console.WriteLine($"{"JSON reader alone",-24} {body.Length * 8 / 1e6 / stopwatch.Elapsed.TotalSeconds,7:N0} MB/s  {tokens / 8:N0} tokens per run of {body.Length / 1e6:N0} MB");
    }
}
