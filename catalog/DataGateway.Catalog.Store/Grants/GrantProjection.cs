using JasperFx.Events;
using Marten.Events.Aggregation;

namespace DataGateway.Catalog.Store.Grants;

/// <summary>
/// Folds a grant's stream into its document, inline. The stored state follows the events; whether a transition is
/// allowed is decided before appending (<see cref="GrantStates.After"/>), and nothing leaves revoked.
/// </summary>
public sealed class GrantProjection : SingleStreamProjection<GrantDocument, string>
{
    public override GrantDocument? Evolve(GrantDocument? snapshot, string id, IEvent e) => Next(snapshot, id, e.Data, e.Version);

    /// <summary>The state after event <paramref name="data"/> (the stream's <paramref name="version"/>th). Never changes <paramref name="snapshot"/>.</summary>
    public static GrantDocument? Next(GrantDocument? snapshot, string id, object data, long version)
    {
        var next = data switch
        {
            GrantIssued g when snapshot is null => new GrantDocument
            {
                Id = id, ApplicationId = g.ApplicationId, OrganizationId = g.OrganizationId, DatasetCode = g.DatasetCode, Scenario = g.Scenario,
                Fields = g.Fields, Districts = g.Districts, VerifyFields = g.VerifyFields, ValidFrom = g.ValidFrom, ValidUntil = g.ValidUntil,
                DailyQuota = g.DailyQuota, State = GrantStates.Active, CreatedAt = g.At, UpdatedAt = g.At,
            },
            GrantSuspended s when Live(snapshot) => With(snapshot!, GrantStates.Suspended, s.At),
            GrantResumed r when Live(snapshot) => With(snapshot!, GrantStates.Active, r.At),
            GrantRevoked r when Live(snapshot) => With(snapshot!, GrantStates.Revoked, r.At),
            _ => snapshot,
        };

        if (next is not null && !ReferenceEquals(next, snapshot))
        {
            next.Version = version;
        }

        return next;
    }

    private static bool Live(GrantDocument? snapshot) => snapshot is not null && snapshot.State != GrantStates.Revoked;

    private static GrantDocument With(GrantDocument s, string state, DateTimeOffset at) => new()
    {
        Id = s.Id, ApplicationId = s.ApplicationId, OrganizationId = s.OrganizationId, DatasetCode = s.DatasetCode, Scenario = s.Scenario,
        Fields = s.Fields, Districts = s.Districts, VerifyFields = s.VerifyFields, ValidFrom = s.ValidFrom, ValidUntil = s.ValidUntil,
        DailyQuota = s.DailyQuota, CreatedAt = s.CreatedAt, State = state, UpdatedAt = at,
    };
}
