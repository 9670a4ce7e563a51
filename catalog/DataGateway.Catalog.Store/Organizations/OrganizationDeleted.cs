using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Organizations;

/// <summary>An organization left the catalog; its stream stays, so its history does too.</summary>
public sealed record OrganizationDeleted(string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "deleted";
}
