namespace DataGateway.Ledger.Archive;

/// <summary>What a detach did: how many of the partition's records it compared, and the table's new name if kept.</summary>
public sealed record DetachResult(LedgerMonth Month, long RecordsCompared, string? KeptAs);
