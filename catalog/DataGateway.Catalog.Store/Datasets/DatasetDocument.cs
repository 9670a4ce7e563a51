namespace DataGateway.Catalog.Store.Datasets;

/// <summary>
/// A dataset as its stream projects it: the catalog entry with its fields and its whole price schedule, what the API
/// reads and the gateway's snapshot loads. A deleted dataset keeps its document, marked <see cref="DeletedAt"/>, for
/// the bills of months it was called in; every reader of the live catalog leaves those out.
/// </summary>
/// <remarks>
/// Flat (the entry's own properties at the top, as <see cref="DatasetContent"/> holds them) so the history's before
/// and after read like the dataset API's body, and the SQL readers name each property directly.
/// </remarks>
public sealed class DatasetDocument
{
    /// <summary>The dataset's code, which is its stream's id.</summary>
    public string Id { get; set; } = "";

    public string Title { get; set; } = "";

    public string Description { get; set; } = "";

    public string OwnerId { get; set; } = "";

    public string ServiceId { get; set; } = "";

    public string Path { get; set; } = "";

    public string Domain { get; set; } = "";

    public string Sharing { get; set; } = "";

    public bool OpenForOperation { get; set; }

    public string? DistrictField { get; set; }

    public string RecordPath { get; set; } = "";

    /// <summary>Null for the default: every field up to L3.</summary>
    public string[]? DistrictReturnFields { get; set; }

    /// <summary>The prices last set with the dataset itself; what is in effect is the schedule's (<see cref="Prices"/>).</summary>
    public decimal QueryPrice { get; set; }

    public decimal VerifyPrice { get; set; }

    public decimal RevenueShare { get; set; }

    public string StandardLevel { get; set; } = "city";

    public int MaxPageSize { get; set; }

    /// <summary>The field naming each record's data subject (持证主体); null when operators need no consent.</summary>
    public string? ConsentSubjectField { get; set; }

    /// <summary>The field identifying a record (异议核实, the ledger's record keys); null when records cannot be disputed.</summary>
    public string? RecordKeyField { get; set; }

    /// <summary>Days the owning department has to answer a dispute. Documents written before disputes existed read as the default.</summary>
    public int DisputeAnswerDays { get; set; } = DatasetContent.DefaultDisputeAnswerDays;

    public DatasetFieldEntry[] Fields { get; set; } = [];

    /// <summary>Oldest first; at most one entry per instant. The one in effect at a moment is <see cref="DatasetPrices.At"/>.</summary>
    public DatasetPriceEntry[] Prices { get; set; } = [];

    /// <summary>
    /// What the keyword search (q=) matches by substring: the code, title, description, domain, owner id and every
    /// field's name and title, lower-cased. A real column (duplicated without a b-tree, with a trigram index where
    /// pg_trgm is: <c>CatalogStoreOptions</c>), so a search reads short texts rather than documents; the owner's name is
    /// matched from its own document, so a rename rewrites no dataset.
    /// </summary>
    public string SearchText { get; set; } = "";

    /// <summary>Set when the dataset was deleted; null while it is in the catalog.</summary>
    public DateTimeOffset? DeletedAt { get; set; }

    /// <summary>The stream's version after the event that made this state: the resource's ETag.</summary>
    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The entry as a registration or replacement would send it again.</summary>
    public DatasetContent Content() => new(
        Title, Description, OwnerId, ServiceId, Path, Domain, Sharing, OpenForOperation, DistrictField, RecordPath, DistrictReturnFields,
        QueryPrice, VerifyPrice, RevenueShare, StandardLevel, MaxPageSize, Fields, ConsentSubjectField, RecordKeyField, DisputeAnswerDays);
}
