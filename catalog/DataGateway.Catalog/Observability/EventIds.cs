namespace DataGateway.Catalog.Observability;

/// <summary>
/// Every log event id the catalog writes, in one place (as YARP's <c>Utilities/EventIds.cs</c>), so an id is never
/// used twice and an operator can filter on it. The catalog's ids are 700–799.
/// </summary>
internal static class EventIds
{
    /// <summary>The catalog version could not be read for <c>/metrics</c> (the database is away).</summary>
    public const int CatalogVersionNotRead = 700;

    /// <summary>The schema (hand-written migrations and Marten's objects) is in place; one line per start.</summary>
    public const int SchemaApplied = 701;

    /// <summary>The keyword search's trigram index could not be made (no pg_trgm, or not allowed): searches scan.</summary>
    public const int SearchIndexMissing = 702;

    /// <summary>The read replica did not answer a ledger query, bill or access report: answered 503.</summary>
    public const int ReadReplicaUnavailable = 703;

    /// <summary>A due return schedule was run: its job started, or the code why not.</summary>
    public const int ReturnScheduleRun = 731;

    /// <summary>The return schedules could not be read (PostgreSQL away); tried again at the next poll.</summary>
    public const int ReturnScheduleFailed = 732;

    /// <summary>A dispute notification was POSTed to its organization's webhook and taken.</summary>
    public const int WebhookDelivered = 771;

    /// <summary>A dispute notification's webhook could not be sent: every retry failed, or its secret is not configured.</summary>
    public const int WebhookFailed = 772;

    /// <summary>The webhook dispatcher could not read its queue (PostgreSQL away); tried again at the next signal.</summary>
    public const int WebhookQueueFailed = 773;
}
