using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Applications;

/// <summary>An admin rejected the application, saying why.</summary>
public sealed record ApplicationRejected(string Reason, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => ApplicationStates.Rejected;
}
