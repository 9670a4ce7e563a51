namespace DataGateway.Catalog.Datasets;

/// <summary>
/// A dataset as the published catalog shows it. <see cref="Service"/> is filled for admins only: nobody else
/// learns where the data lives. <see cref="MaxPageSize"/> is public: callers page by it, as are the consent and
/// dispute settings: an operator learns that it needs a subject's consent, a caller how to name a record it disputes.
/// </summary>
public sealed record DatasetView(
    string Code,
    string Title,
    string Description,
    string OwnerId,
    string Domain,
    string Sharing,
    bool OpenForOperation,
    string? DistrictField,
    string[] DistrictReturnFields,
    decimal QueryPrice,
    decimal VerifyPrice,
    decimal RevenueShare,
    string StandardLevel,
    int MaxPageSize,
    string? ConsentSubjectField,
    string? RecordKeyField,
    int DisputeAnswerDays,
    FieldBody[] Fields,
    DatasetServiceView? Service,
    long RowVersion,
    DateTimeOffset UpdatedAt);

/// <summary>Where and how the gateway reaches a dataset. Admins only.</summary>
public sealed record DatasetServiceView(string ServiceId, string Path, string RecordPath);

/// <summary>One page of the published catalog.</summary>
public sealed record DatasetPage(long Total, int Page, int Size, DatasetView[] Items);
