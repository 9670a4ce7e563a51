using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Applications;

/// <summary>An admin approved the application; <see cref="GrantId"/> names the grant made of it in the same change.</summary>
public sealed record ApplicationApproved(string GrantId, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => ApplicationStates.Approved;
}
