using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Services;

/// <summary>A data service left the catalog; its stream (and so its history) stays.</summary>
public sealed record DataServiceDeleted(string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "deleted";
}
