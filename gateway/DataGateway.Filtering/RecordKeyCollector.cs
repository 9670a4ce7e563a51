namespace DataGateway.Filtering;

/// <summary>
/// The record keys of the records one call returned, in the order returned, for its ledger record: what later proves
/// that the caller received a record (a dispute) and finds everyone who did (a settled dispute's notification).
/// </summary>
/// <remarks>
/// Bounded twice: at most <see cref="Limit"/> keys (the dataset's page size), each at most <see cref="MaxKeyBytes"/>
/// bytes of UTF-8. A key past either bound is not recorded but counted, so that a gap in the ledger is visible.
/// Keys are kept as they were returned, repeats included. Not thread-safe: one per call.
/// </remarks>
internal sealed class RecordKeyCollector(int limit)
{
    /// <summary>The longest key recorded, in UTF-8 bytes.</summary>
    public const int MaxKeyBytes = 256;

    private readonly List<string> _keys = [];

    public int Limit { get; } = limit;

    public IReadOnlyList<string> Keys => _keys;

    /// <summary>Keys of returned records that were not recorded: longer than <see cref="MaxKeyBytes"/>, holding U+0000 (which
    /// PostgreSQL's text cannot store), or past <see cref="Limit"/>.</summary>
    public int NotRecorded { get; private set; }

    /// <summary>No more keys are recorded: a caller need not even make the string of the next one.</summary>
    internal bool Full => _keys.Count >= Limit;

    /// <summary>A returned record's key past <see cref="Limit"/>.</summary>
    internal void SkipOverLimit() => NotRecorded++;

    /// <summary>Records a returned record's key (its text, 1 to <see cref="MaxKeyBytes"/> bytes of UTF-8).</summary>
    internal void Add(string key)
    {
        if (_keys.Count >= Limit)
        {
            NotRecorded++;
            return;
        }

        _keys.Add(key);
    }

    /// <summary>A returned record whose key cannot be recorded (too long, or holding U+0000).</summary>
    internal void SkipTooLong() => NotRecorded++;
}
