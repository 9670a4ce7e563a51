using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Grants;

/// <summary>An admin resumed a suspended grant.</summary>
public sealed record GrantResumed(string? Reason, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "resumed";
}
