using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Organizations;

/// <summary>An organization was replaced (PUT): every field it now has.</summary>
public sealed record OrganizationChanged(
    string Name, string Kind, string? DistrictCode, string[] LicensedDomains, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "updated";
}
