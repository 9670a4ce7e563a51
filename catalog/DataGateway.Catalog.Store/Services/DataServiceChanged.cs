using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Services;

/// <summary>A data service was replaced (PUT): everything it now has.</summary>
public sealed record DataServiceChanged(
    string OwnerId, string? BaseAddress, Dictionary<string, string> DistrictAddresses, int TimeoutMs, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "updated";
}
