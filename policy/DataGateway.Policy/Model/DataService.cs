namespace DataGateway.Policy.Model;

/// <summary>A department's upstream HTTP API. Deployed once for the city, or once per district (区级部署).</summary>
/// <param name="BaseAddress">The city-wide address; null when the service is deployed per district.</param>
/// <param name="DistrictAddresses">District code → address of that district's instance; empty for city-wide services.</param>
public sealed record DataService(
    string Id,
    string OwnerId,
    Uri? BaseAddress,
    IReadOnlyDictionary<string, Uri> DistrictAddresses,
    TimeSpan Timeout)
{
    /// <summary>True when each district has an instance of its own and calls are routed by district.</summary>
    public bool IsPerDistrict => DistrictAddresses.Count > 0;
}
