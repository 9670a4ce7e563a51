using JasperFx.Events;
using Marten.Events.Aggregation;

namespace DataGateway.Catalog.Store.Applications;

/// <summary>
/// Folds an application's stream into its document, inline. A decision event on an application that is no longer
/// submitted changes nothing: the writer refuses such a transition (409) before appending, and the fold does not
/// trust that it did.
/// </summary>
public sealed class ApplicationProjection : SingleStreamProjection<ApplicationDocument, string>
{
    public override ApplicationDocument? Evolve(ApplicationDocument? snapshot, string id, IEvent e) => Next(snapshot, id, e.Data, e.Version);

    /// <summary>The state after event <paramref name="data"/> (the stream's <paramref name="version"/>th). Never changes <paramref name="snapshot"/>.</summary>
    public static ApplicationDocument? Next(ApplicationDocument? snapshot, string id, object data, long version)
    {
        var next = data switch
        {
            ApplicationSubmitted s when snapshot is null => new ApplicationDocument
            {
                Id = id, RequesterId = s.RequesterId, DatasetCode = s.DatasetCode, Scenario = s.Scenario, ScenarioDescription = s.ScenarioDescription,
                LegalBasis = s.LegalBasis, Fields = s.Fields, Districts = s.Districts, VerifyFields = s.VerifyFields,
                ValidFrom = s.ValidFrom, ValidUntil = s.ValidUntil, DailyQuota = s.DailyQuota, State = ApplicationStates.Submitted, CreatedAt = s.At,
            },
            ApplicationApproved a when Decidable(snapshot) => Decided(snapshot!, ApplicationStates.Approved, a.Actor, a.At, null, a.GrantId),
            ApplicationRejected r when Decidable(snapshot) => Decided(snapshot!, ApplicationStates.Rejected, r.Actor, r.At, r.Reason, null),
            ApplicationWithdrawn w when Decidable(snapshot) => Decided(snapshot!, ApplicationStates.Withdrawn, w.Actor, w.At, null, null),
            _ => snapshot,
        };

        if (next is not null && !ReferenceEquals(next, snapshot))
        {
            next.Version = version;
        }

        return next;
    }

    private static bool Decidable(ApplicationDocument? snapshot) => snapshot is not null && ApplicationStates.MayDecide(snapshot.State);

    private static ApplicationDocument Decided(ApplicationDocument s, string state, string actor, DateTimeOffset at, string? reason, string? grantId) => new()
    {
        Id = s.Id, RequesterId = s.RequesterId, DatasetCode = s.DatasetCode, Scenario = s.Scenario, ScenarioDescription = s.ScenarioDescription,
        LegalBasis = s.LegalBasis, Fields = s.Fields, Districts = s.Districts, VerifyFields = s.VerifyFields,
        ValidFrom = s.ValidFrom, ValidUntil = s.ValidUntil, DailyQuota = s.DailyQuota, CreatedAt = s.CreatedAt,
        State = state, DecidedBy = actor, DecidedAt = at, RejectReason = reason, GrantId = grantId,
    };
}
