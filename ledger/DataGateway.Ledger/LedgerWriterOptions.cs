namespace DataGateway.Ledger;

/// <summary>How <see cref="LedgerWriter"/> batches, times out, drains and checkpoints.</summary>
public sealed class LedgerWriterOptions
{
    /// <summary>Most records in one batch.</summary>
    public int MaxBatch { get; init; } = 10_000;

    /// <summary>How long a batch may take to commit before it goes to the journal instead.</summary>
    public TimeSpan CommitTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often to try PostgreSQL again while the journal holds records.</summary>
    public TimeSpan DrainInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Keep a delivery log next to the journal (<see cref="Delivery.DeliveryLog"/>): every caller of
    /// <see cref="LedgerWriter.AppendAsync"/> then reports what became of its response, and the calls of a crashed
    /// writer that were committed but never delivered are amended by the next one. Needs a journal.
    /// </summary>
    public bool TrackDelivery { get; init; }

    /// <summary>How often to sign a checkpoint of the chain (and at shutdown).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How many months past this one the writer keeps partitions of <c>ledger_records</c> made for.</summary>
    public int PartitionMonthsAhead { get; init; } = 3;

    /// <summary>How often the writer makes sure those partitions exist (also once at start).</summary>
    public TimeSpan PartitionInterval { get; init; } = TimeSpan.FromHours(1);
}
