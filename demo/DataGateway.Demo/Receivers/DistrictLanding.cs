namespace DataGateway.Demo.Receivers;

/// <summary>
/// One district's landing: the batch ids it stored (each with its record count), its counters, its records in
/// arrival order (with <see cref="KeepMode.Rows"/>), and its JSON-lines file (with <c>--store</c>).
/// </summary>
/// <remarks>
/// One lock per district makes "is this batch id new? then store it" one step, so two posts of one batch at once
/// store it once; the 16 districts never wait for each other.
/// </remarks>
internal sealed class DistrictLanding : IDisposable
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly object _gate = new();
    private readonly Dictionary<string, int> _batches = new(StringComparer.Ordinal);
    private readonly List<byte[]>? _rows;
    private readonly FileStream? _file;
    private long _records;
    private long _duplicates;
    private long _rejected;

    public DistrictLanding(string district, KeepMode keep, string? storeDirectory)
    {
        District = district;
        _rows = keep == KeepMode.Rows ? [] : null;
        if (storeDirectory is not null)
        {
            // Emptied at start: the file holds what this process received, as its counts do.
            _file = new FileStream(Path.Combine(storeDirectory, district + ".jsonl"), FileMode.Create, FileAccess.Write, FileShare.Read, 64 * 1024);
        }
    }

    public string District { get; }

    public bool KeepsRows => _rows is not null;

    /// <summary>
    /// Stores the batch unless its id is stored already; returns the number of records the receiver holds for that
    /// id and whether it was a duplicate (then nothing was stored, and the count is the first post's).
    /// </summary>
    public (int Accepted, bool Duplicate) Store(LandingBatch batch)
    {
        lock (_gate)
        {
            if (_batches.TryGetValue(batch.BatchId, out var stored))
            {
                _duplicates++;
                return (stored, true);
            }

            foreach (var record in batch.Records)
            {
                _rows?.Add(record.ToArray());
                if (_file is not null)
                {
                    _file.Write(JsonLines.OneLine(record).Span);
                    _file.Write(NewLine);
                }
            }

            // Handed to the operating system before the answer, so a 200 means the lines are in the file.
            _file?.Flush();
            _batches.Add(batch.BatchId, batch.Records.Count);
            _records += batch.Records.Count;
            return (batch.Records.Count, false);
        }
    }

    public void CountRejected() => Interlocked.Increment(ref _rejected);

    public LandingSummary Summary()
    {
        lock (_gate)
        {
            return new LandingSummary(District, _batches.Count, _records, _duplicates, Interlocked.Read(ref _rejected));
        }
    }

    /// <summary>A page of the records in arrival order (copies of the references; the records never change) and the total.</summary>
    public (IReadOnlyList<byte[]> Page, int Total) Records(int page, int size)
    {
        lock (_gate)
        {
            var rows = _rows ?? [];
            var skip = (long)(page - 1) * size;
            return skip >= rows.Count
                ? ([], rows.Count)
                : (rows.GetRange((int)skip, (int)Math.Min(size, rows.Count - skip)), rows.Count);
        }
    }

    /// <summary>Forgets everything, the file's lines too.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _batches.Clear();
            _rows?.Clear();
            _records = 0;
            _duplicates = 0;
            Interlocked.Exchange(ref _rejected, 0);
            _file?.SetLength(0);
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _file?.Dispose();
        }
    }
}
