using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.LandingZones;

/// <summary>A landing zone was replaced (PUT): everything it now has; still only the secret's name.</summary>
public sealed record LandingZoneChanged(
    string DistrictCode, string Url, string AuthKind, string? HeaderName, string? SecretRef, int BatchSize,
    string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "updated";
}
