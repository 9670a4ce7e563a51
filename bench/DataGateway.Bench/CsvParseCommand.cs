using System.Diagnostics;
using System.Globalization;
using DataGateway.Catalog.Transfer;

namespace DataGateway.Bench;

/// <summary>
/// <c>csv-parse FILE [runs]</c>: the catalog import's CSV parsing alone, without HTTP or the database, over a file
/// such as <c>DataGateway.Demo catalog-csv</c> writes (77 MB at the seeds' scale): decoding, then the hand-written
/// reader the import used before and the Sep reader it uses now (same rows and fields, checked), then the whole
/// spreadsheet parse (<see cref="DatasetCsvParser"/>, with validation). Best of the runs; prints a Markdown table.
/// </summary>
internal static class CsvParseCommand
{
    public static int Run(string[] args)
    {
        if (args.Length is < 1 or > 2)
        {
            Console.Error.WriteLine("usage: DataGateway.Bench csv-parse FILE [runs]");
            return 2;
        }

        var runs = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var bytes = File.ReadAllBytes(args[0]);
        var megabytes = bytes.Length / 1e6;
        var decoded = Measure(runs, () => CsvEncoding.Detect(bytes));
        var text = decoded.Result.Text ?? throw new InvalidOperationException($"Not an accepted encoding: {decoded.Result.Problem}.");

        var handWritten = Measure(runs, () => Digest(new HandWrittenCsvReader(new StringReader(text)).ReadAll()));
        var sep = Measure(runs, () => Digest(new CsvReader(new StringReader(text)).ReadAll()));
        if (handWritten.Result != sep.Result)
        {
            Console.Error.WriteLine($"The readers disagree: hand-written {handWritten.Result}, Sep {sep.Result}.");
            return 1;
        }

        var parsed = Measure(runs, () => new DatasetCsvParser().Parse(new StringReader(text)).Count);

        Console.WriteLine($"{args[0]}: {megabytes:F1} MB, {sep.Result.Rows:N0} rows, {parsed.Result:N0} datasets; best of {runs} runs");
        Console.WriteLine();
        Console.WriteLine("| step | seconds | MB/s | allocated MB |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Row("decode (CsvEncoding.Detect)", decoded.Seconds, megabytes, decoded.Allocated);
        Row("read rows, hand-written reader (before)", handWritten.Seconds, megabytes, handWritten.Allocated);
        Row("read rows, Sep 0.17.1 (now)", sep.Seconds, megabytes, sep.Allocated);
        Row("whole parse with validation (DatasetCsvParser, Sep)", parsed.Seconds, megabytes, parsed.Allocated);
        return 0;
    }

    private static void Row(string step, double seconds, double megabytes, long allocated) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {step} | {seconds:F3} | {megabytes / seconds:F0} | {allocated / 1e6:F0} |"));

    /// <summary>What both readers must agree on: how many rows and fields, and every line number and field.</summary>
    private static (long Rows, long Fields, long Hash) Digest(IEnumerable<(int Line, string[] Fields)> rows)
    {
        long count = 0, fields = 0;
        var hash = new HashCode();
        foreach (var (line, row) in rows)
        {
            count++;
            fields += row.Length;
            hash.Add(line);
            foreach (var field in row)
            {
                hash.Add(field, StringComparer.Ordinal);
            }
        }

        return (count, fields, hash.ToHashCode());
    }

    private static (T Result, double Seconds, long Allocated) Measure<T>(int runs, Func<T> work)
    {
        (T Result, double Seconds, long Allocated) best = (default!, double.MaxValue, 0);
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var started = Stopwatch.GetTimestamp();
            var result = work();
            var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            if (seconds < best.Seconds)
            {
                best = (result, seconds, GC.GetTotalAllocatedBytes(precise: true) - allocated);
            }
        }

        return best;
    }
}
