namespace DataGateway.Catalog.Store.Ledger;

/// <summary>Where a verification found its first break: the chain, the stable problem code, the first bad seq and why.</summary>
public sealed class LedgerVerificationBreak
{
    public string Chain { get; set; } = "";

    public string Problem { get; set; } = "";

    public long? Seq { get; set; }

    public string? Detail { get; set; }
}
