namespace DataGateway.Catalog.Datasets;

/// <summary>What an admin sends to create or replace a dataset (a catalog entry, 数据资源) with its fields.</summary>
/// <param name="DistrictReturnFields">Fields returned to districts for their own rows (属地返还); null for the default, every field up to L3.</param>
/// <param name="MaxPageSize">The most records one call may ask for, 1 to 10,000; null for the default, 1,000.</param>
/// <param name="RevenueShare">The owning department's share of the revenue (收益共享), 0 to 1.</param>
/// <param name="ConsentSubjectField">The top-level field naming each record's data subject (持证主体); set, licensed operators need the subject's consent and receive only that subject's rows. Null: no consent needed.</param>
/// <param name="RecordKeyField">The top-level field identifying a record, by which callers dispute it (异议核实) and the ledger records what each call returned. Null: records cannot be disputed.</param>
/// <param name="DisputeAnswerDays">Days the owning department has to answer a dispute, 1 to 90; null for the default, 15.</param>
public sealed record DatasetBody(
    string? Code,
    string? Title,
    string? Description,
    string? OwnerId,
    string? ServiceId,
    string? Path,
    string? Domain,
    string? Sharing,
    bool? OpenForOperation,
    string? DistrictField,
    string? RecordPath,
    string[]? DistrictReturnFields,
    decimal? QueryPrice,
    decimal? VerifyPrice,
    decimal? RevenueShare,
    string? StandardLevel,
    FieldBody[]? Fields,
    int? MaxPageSize = null,
    string? ConsentSubjectField = null,
    string? RecordKeyField = null,
    int? DisputeAnswerDays = null);
