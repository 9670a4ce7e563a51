namespace DataGateway.Catalog.Datasets;

/// <summary>What an admin sends to create or replace a dataset (a catalog entry, 数据资源) with its fields.</summary>
/// <param name="DistrictReturnFields">Fields returned to districts for their own rows (属地返还); null for the default, every field up to L3.</param>
/// <param name="MaxPageSize">The most records one call may ask for, 1 to 10,000; null for the default, 1,000.</param>
/// <param name="RevenueShare">The owning department's share of the revenue (收益共享), 0 to 1.</param>
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
    int? MaxPageSize = null);
