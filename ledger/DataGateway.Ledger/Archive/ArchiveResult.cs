namespace DataGateway.Ledger.Archive;

/// <summary>What an archive run wrote.</summary>
public sealed record ArchiveResult(LedgerMonth Month, string Path, long Records, int Chains, int Checkpoints, long Bytes, byte[] Sha256);
