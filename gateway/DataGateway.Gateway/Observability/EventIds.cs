namespace DataGateway.Gateway.Observability;

/// <summary>
/// The event id of every log message the gateway writes (its <c>[LoggerMessage]</c> methods name them from here), so
/// each is unique and an alert or a log query can key on it. Grouped by stage: 100s the catalog, 200s the filter,
/// 510s the call ledger, 520s metering, 530s quotas, 540s the pipeline, 550s the external policy (OPA). DataGateway.Common (300s, 600s) and the
/// ledger library (500–509) keep their own lists.
/// </summary>
internal static class EventIds
{
    /// <summary>A catalog version was loaded and swapped in.</summary>
    public const int CatalogLoaded = 100;

    /// <summary>A catalog reload failed; the previous version is still served.</summary>
    public const int CatalogReloadFailed = 101;

    /// <summary>The first catalog load failed; it is retried.</summary>
    public const int CatalogInitialLoadFailed = 102;

    /// <summary>The gateway's tables (ledger, quota leases) could not be applied yet; it is retried.</summary>
    public const int SchemaApplyFailed = 103;

    /// <summary>The filter refused an upstream body; the response was aborted.</summary>
    public const int UpstreamBodyRefused = 200;

    /// <summary>The filter itself failed on an upstream body.</summary>
    public const int FilterFailed = 201;

    /// <summary>Keys of records a call returned were left out of its ledger record (too long, or past the page size).</summary>
    public const int RecordKeysNotRecorded = 202;

    /// <summary>The call ledger is switched off: calls are neither metered nor audited.</summary>
    public const int LedgerDisabled = 510;

    /// <summary>No checkpoint key: chains get no signed checkpoints, amendments no signatures.</summary>
    public const int LedgerCheckpointKeyMissing = 511;

    /// <summary>The call ledger started, with the journal backlog it has to drain.</summary>
    public const int LedgerStarted = 512;

    /// <summary>The call ledger is draining its queue before the process exits.</summary>
    public const int LedgerDraining = 513;

    /// <summary>The call ledger stopped.</summary>
    public const int LedgerStopped = 514;

    /// <summary>A call could not be recorded in the ledger; its response was aborted.</summary>
    public const int CallNotRecorded = 520;

    /// <summary>No quota lease could be taken: PostgreSQL did not answer.</summary>
    public const int QuotaLeaseUnavailable = 530;

    /// <summary>Unused calls of a lease could not be given back.</summary>
    public const int QuotaReturnFailed = 531;

    /// <summary>A call failed inside the gateway (a 500).</summary>
    public const int CallFailed = 540;

    /// <summary>OPA is configured: calls the built-in engine allows are asked of it as well.</summary>
    public const int ExternalPolicyOn = 550;

    /// <summary>OPA gave no usable answer (timeout, unreachable, status, malformed, undefined); the call was refused.</summary>
    public const int ExternalPolicyFailed = 551;

    /// <summary>A call was decided (debug): its decision id, reason, catalog version and OPA bundle revision.</summary>
    public const int CallDecided = 552;
}
