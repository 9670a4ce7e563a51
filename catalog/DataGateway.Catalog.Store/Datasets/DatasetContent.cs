namespace DataGateway.Catalog.Store.Datasets;

/// <summary>
/// Everything a dataset is, as a registration or a replacement (PUT) sends it, validated by the writer: the events
/// <see cref="DatasetRegistered"/> and <see cref="DatasetChanged"/> carry one whole, so each event says what the
/// dataset became without reading the ones before it.
/// </summary>
/// <param name="DistrictReturnFields">Fields returned to districts for their own rows; null for the default (every field up to L3).</param>
/// <param name="ConsentSubjectField">The field naming a record's data subject; null when operators need no consent.</param>
/// <param name="RecordKeyField">The field identifying a record for disputes and the ledger; null when records cannot be disputed.</param>
public sealed record DatasetContent(
    string Title,
    string Description,
    string OwnerId,
    string ServiceId,
    string Path,
    string Domain,
    string Sharing,
    bool OpenForOperation,
    string? DistrictField,
    string RecordPath,
    string[]? DistrictReturnFields,
    decimal QueryPrice,
    decimal VerifyPrice,
    decimal RevenueShare,
    string StandardLevel,
    int MaxPageSize,
    DatasetFieldEntry[] Fields,
    string? ConsentSubjectField = null,
    string? RecordKeyField = null,
    int DisputeAnswerDays = DatasetContent.DefaultDisputeAnswerDays)
{
    /// <summary>What a dataset written before disputes existed, or one that names no deadline, gives its department.</summary>
    public const int DefaultDisputeAnswerDays = 15;
}
