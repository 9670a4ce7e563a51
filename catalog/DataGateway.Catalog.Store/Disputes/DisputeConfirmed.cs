using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Disputes;

/// <summary>The owning department confirmed the record is wrong and that the correction is pending; the dispute stays open.</summary>
public sealed record DisputeConfirmed(string Reason, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "confirmed_pending";
}
