namespace DataGateway.Catalog.Store.Ledger;

/// <summary>
/// One run of the ledger's verification (<c>POST /v1/ledger/verify</c>), kept so that the audit chain's last
/// verification can be shown and its history read: when, by whom, how long, what was checked and the first break.
/// </summary>
/// <remarks>
/// A plain document, not a stream: a run is a fact that never changes, and it is no catalog change (it must not move
/// the catalog's version nor wake the gateways). A failed verification is a run like any other, with
/// <see cref="Intact"/> false and <see cref="FirstBreak"/> set.
/// </remarks>
public sealed class LedgerVerificationDocument
{
    /// <summary>A version 7 UUID: time-ordered, so it breaks ties between runs that finished in the same microsecond.</summary>
    public Guid Id { get; set; }

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset VerifiedAt { get; set; }

    /// <summary>The organization that asked for the run (an admin body).</summary>
    public string VerifiedBy { get; set; } = "";

    public double DurationMilliseconds { get; set; }

    public bool Intact { get; set; }

    /// <summary>Call chains, the catalog's event chain and the amendments' chain.</summary>
    public int ChainsChecked { get; set; }

    public int ChainsBroken { get; set; }

    /// <summary>Records (calls, catalog events, amendments) the walks read, over every chain.</summary>
    public long RecordsChecked { get; set; }

    /// <summary>The first chain, in the report's order, that does not prove itself; null when every chain does.</summary>
    public LedgerVerificationBreak? FirstBreak { get; set; }
}
