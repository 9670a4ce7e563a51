using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.LandingZones;

/// <summary>A landing zone was removed: returns no longer reach the district; its stream (and history) stays.</summary>
public sealed record LandingZoneDeleted(string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "deleted";
}
