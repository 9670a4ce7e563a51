using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Grants;

/// <summary>A grant was made by approving an application: exactly what the admin approved (the minimum necessary).</summary>
public sealed record GrantIssued(
    string Id, string? ApplicationId, string OrganizationId, string DatasetCode, string Scenario,
    string[] Fields, string[] Districts, string[] VerifyFields, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, long? DailyQuota,
    string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "created";
}
