using System.Text.Json.Serialization;
using DataGateway.Catalog.Store.Documents;

namespace DataGateway.Catalog.Store.Consents;

/// <summary>
/// The data subject withdrew a consent (持证主体撤回授权), as its issuer's organization (or an admin) reported it; final.
/// The stream's first and only event: a second withdrawal answers with this one and appends nothing.
/// </summary>
/// <param name="ExpiresAt">When the credential would have expired, if the revoker said; past it nothing needs refusing.</param>
public sealed record ConsentRevoked(string ConsentId, string? Reason, DateTimeOffset? ExpiresAt, string Actor, DateTimeOffset At) : ICatalogEvent
{
    [JsonIgnore]
    public string Action => "revoked";
}
