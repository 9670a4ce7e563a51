namespace DataGateway.Returns.Running;

/// <summary>
/// One batch for one district: its place in the district's sequence, where its rows are in the source (so that it can
/// be formed again, the same, after a crash), and the rows themselves as one JSON array.
/// </summary>
/// <param name="FirstPage">The source page of its first row, and <paramref name="FirstSkip"/> the district's rows on that page before it.</param>
/// <param name="EndPage">Where the next batch starts: the page, and the district's rows on it that this batch and earlier ones hold.</param>
internal sealed record ReturnBatch(
    string District,
    long Sequence,
    Guid BatchId,
    int FirstPage,
    int FirstSkip,
    int EndPage,
    int EndSkip,
    int Rows,
    ReadOnlyMemory<byte> RecordsJson,
    string? FirstWatermark,
    string? LastWatermark)
{
    /// <summary>The record keys of its rows, in order (rows without a usable key have none): its ledger record's <c>RecordKeys</c>.</summary>
    public IReadOnlyList<string> RecordKeys { get; init; } = [];
}
