using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Organizations;

/// <summary>An organization joined the catalog (or came back under an id that was deleted before).</summary>
public sealed record OrganizationRegistered(
    string Id, string Name, string Kind, string? DistrictCode, string[] LicensedDomains, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "created";
}
