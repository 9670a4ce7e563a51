using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Grants;

/// <summary>The grant was revoked (by an admin, or with its dataset); final.</summary>
public sealed record GrantRevoked(string? Reason, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "revoked";
}
