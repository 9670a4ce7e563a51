using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.LandingZones;

/// <summary>
/// A district organization registered its landing zone (or registered one again after deleting it). The secret is
/// named (<paramref name="SecretRef"/>), never held: the returns worker resolves the name from its own configuration.
/// </summary>
/// <param name="AuthKind"><c>none</c>, <c>bearer</c> or <c>header</c> (<see cref="Snapshots.CatalogText"/>).</param>
public sealed record LandingZoneRegistered(
    string OrganizationId, string DistrictCode, string Url, string AuthKind, string? HeaderName, string? SecretRef, int BatchSize,
    string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "created";
}
