using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Applications;

/// <summary>The requester took back an application nobody had decided.</summary>
public sealed record ApplicationWithdrawn(string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => ApplicationStates.Withdrawn;
}
