namespace DataGateway.Catalog.Services;

/// <summary>A data service as admins see it. Service addresses are never shown to anyone else.</summary>
public sealed record DataServiceView(
    string Id, string OwnerId, string? BaseAddress, IReadOnlyDictionary<string, string> DistrictAddresses, int TimeoutMs, long RowVersion, DateTimeOffset UpdatedAt);
