using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Disputes;

/// <summary>The owning department found the record right and rejected the dispute, saying why; the dispute is settled.</summary>
public sealed record DisputeRejected(string Reason, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "rejected";
}
