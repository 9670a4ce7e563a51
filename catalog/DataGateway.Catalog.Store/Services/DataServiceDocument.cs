namespace DataGateway.Catalog.Store.Services;

/// <summary>A department's data service as its stream projects it.</summary>
public sealed class DataServiceDocument
{
    public string Id { get; set; } = "";

    public string OwnerId { get; set; } = "";

    /// <summary>The one address of a city-wide service; null for one deployed per district only.</summary>
    public string? BaseAddress { get; set; }

    /// <summary>For services deployed per district (区级部署): district code → address.</summary>
    public Dictionary<string, string> DistrictAddresses { get; set; } = [];

    public int TimeoutMs { get; set; }

    /// <summary>The stream's version after the event that made this state: the resource's ETag.</summary>
    public long Version { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
