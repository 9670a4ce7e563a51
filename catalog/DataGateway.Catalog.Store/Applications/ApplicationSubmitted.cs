using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Applications;

/// <summary>A district, operator or department applied for data: the whole request, as the applicant made it.</summary>
public sealed record ApplicationSubmitted(
    string Id, string RequesterId, string DatasetCode, string Scenario, string ScenarioDescription, string? LegalBasis,
    string[] Fields, string[] Districts, string[] VerifyFields, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, long? DailyQuota,
    string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => ApplicationStates.Submitted;
}
