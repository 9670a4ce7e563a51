using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Services;

/// <summary>A department's data service joined the catalog (or came back under an id deleted before).</summary>
public sealed record DataServiceRegistered(
    string Id, string OwnerId, string? BaseAddress, Dictionary<string, string> DistrictAddresses, int TimeoutMs, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "created";
}
