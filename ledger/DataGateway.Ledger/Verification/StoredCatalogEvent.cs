namespace DataGateway.Ledger.Verification;

/// <summary>
/// One catalog event as Marten stores it in <c>mt_events</c>: the columns that say what happened, to which stream, in
/// which place, when, and the event's body (which carries who and when the catalog says it happened).
/// </summary>
public sealed record StoredCatalogEvent(
    long Seq, Guid Id, string StreamId, long Version, string Type, string? DotNetType, string TenantId, DateTimeOffset Timestamp, string Data);
