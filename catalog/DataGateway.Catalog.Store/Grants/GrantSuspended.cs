using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Grants;

/// <summary>An admin suspended the grant, saying why if they did.</summary>
public sealed record GrantSuspended(string? Reason, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "suspended";
}
