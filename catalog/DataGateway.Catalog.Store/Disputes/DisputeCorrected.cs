using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Disputes;

/// <summary>The owning department corrected the record at its source; the dispute is settled.</summary>
/// <param name="CorrectedValue">The value the field now has, when the department says it (optional).</param>
public sealed record DisputeCorrected(string? Reason, string? CorrectedValue, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "corrected";
}
