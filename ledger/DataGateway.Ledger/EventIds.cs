namespace DataGateway.Ledger;

/// <summary>
/// The event id of every log message the ledger library writes (its <c>[LoggerMessage]</c> methods name them from
/// here), so each is unique and an alert or a log query can key on it. The ledger takes 500–509; the gateway that
/// hosts it uses 510 and above.
/// </summary>
internal static class EventIds
{
    /// <summary>PostgreSQL did not take a batch; its records were journaled locally.</summary>
    public const int BatchJournaled = 500;

    /// <summary>The local journal was drained into PostgreSQL.</summary>
    public const int JournalDrained = 501;

    /// <summary>A batch could be stored neither in PostgreSQL nor in the journal; its calls fail.</summary>
    public const int BatchLost = 502;

    /// <summary>Shut down with the journal not drained; it waits for the next start.</summary>
    public const int ShutdownWithJournal = 503;

    /// <summary>Calls of gateways that stopped without delivering them were amended as undelivered.</summary>
    public const int UndeliveredAmended = 504;

    /// <summary>Partitions of ledger_records were made ahead.</summary>
    public const int PartitionsMade = 505;

    /// <summary>Partitions could not be made ahead; the default partition takes the records meanwhile.</summary>
    public const int PartitionsFailed = 506;

    /// <summary>Acknowledging from the journal, PostgreSQL did not take records copied behind the calls; they are drained like an outage's.</summary>
    public const int IngestionFailed = 507;

    /// <summary>Acknowledging from the journal, the journal's disk refused a batch; PostgreSQL committed it instead.</summary>
    public const int JournalRefused = 508;

    /// <summary>The group-commit loop itself failed (a defect): every call fails until the gateway is restarted.</summary>
    public const int LoopFailed = 509;
}
