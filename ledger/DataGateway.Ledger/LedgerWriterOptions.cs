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

    /// <summary>
    /// Release a batch's calls once it is fsync'd to the local journal, and copy it into PostgreSQL behind them
    /// (<see cref="LedgerIngestion"/>), instead of releasing them once PostgreSQL has committed it. A call then waits
    /// for one local fsync rather than PostgreSQL's round trips and WAL flush; its record reaches PostgreSQL a commit
    /// later, and is durable meanwhile only on the journal's disk, which must then be persistent. Needs a journal.
    /// </summary>
    public bool AcknowledgeFromJournal { get; init; }

    /// <summary>
    /// Journal-first: how long the copy behind the calls gathers batches before one COPY takes them all, so PostgreSQL
    /// does one round trip and one commit for many of the calls' group commits. Also about how late a record appears in
    /// PostgreSQL after its call.
    /// </summary>
    public TimeSpan IngestInterval { get; init; } = TimeSpan.FromMilliseconds(20);

    /// <summary>
    /// Journal-first: the most records the copy behind the calls may hold in memory, waiting for PostgreSQL; beyond
    /// it they are drained from the journal's files instead, as in an outage (100,000: about 100 MB).
    /// </summary>
    public long MaxIngestBacklog { get; init; } = 100_000;

    /// <summary>Journal-first: how large a journal file grows before the next one is begun (the stored ones are deleted).</summary>
    public long JournalSegmentBytes { get; init; } = 8 << 20;
}
