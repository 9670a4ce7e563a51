using JasperFx.Events;
using Marten.Events.Aggregation;

namespace DataGateway.Catalog.Store.Disputes;

/// <summary>
/// Folds a dispute's stream into its document, inline, so the gateways' snapshot (<c>DisputeMark</c>) and the inbox
/// read the state the last event made. Whether an answer is allowed is decided before appending
/// (<c>DisputeTransitions</c> in the catalog); nothing leaves a settled state.
/// </summary>
public sealed class DisputeProjection : SingleStreamProjection<DisputeDocument, string>
{
    public override DisputeDocument? Evolve(DisputeDocument? snapshot, string id, IEvent e) => Next(snapshot, id, e.Data, e.Version);

    /// <summary>The state after event <paramref name="data"/> (the stream's <paramref name="version"/>th). Never changes <paramref name="snapshot"/>.</summary>
    public static DisputeDocument? Next(DisputeDocument? snapshot, string id, object data, long version)
    {
        var next = data switch
        {
            DisputeRaised r when snapshot is null => new DisputeDocument
            {
                Id = id, DisputeId = r.DisputeId, Dataset = r.Dataset, RecordKey = r.RecordKey, Field = r.Field, Description = r.Description,
                ProposedValue = r.ProposedValue, RequestId = r.RequestId, RequestStartedAt = r.RequestStartedAt, RaisedBy = r.RaisedBy,
                RaisedByKind = r.RaisedByKind, RaisedAt = r.At, Deadline = r.Deadline, State = DisputeStates.Open, UpdatedAt = r.At,
            },
            DisputeConfirmed c when Unsettled(snapshot) => With(snapshot!, DisputeStates.ConfirmedPending, c.Reason, null, null, c.At),
            DisputeCorrected c when Unsettled(snapshot) => With(snapshot!, DisputeStates.Corrected, c.Reason, c.CorrectedValue, c.At, c.At),
            DisputeRejected r when Unsettled(snapshot) => With(snapshot!, DisputeStates.Rejected, r.Reason, null, r.At, r.At),
            _ => snapshot,
        };

        if (next is not null && !ReferenceEquals(next, snapshot))
        {
            next.Version = version;
        }

        return next;
    }

    private static bool Unsettled(DisputeDocument? snapshot) =>
        snapshot is not null && snapshot.State is DisputeStates.Open or DisputeStates.ConfirmedPending;

    private static DisputeDocument With(DisputeDocument s, string state, string? reason, string? correctedValue, DateTimeOffset? settledAt, DateTimeOffset at) => new()
    {
        Id = s.Id, DisputeId = s.DisputeId, Dataset = s.Dataset, RecordKey = s.RecordKey, Field = s.Field, Description = s.Description,
        ProposedValue = s.ProposedValue, RequestId = s.RequestId, RequestStartedAt = s.RequestStartedAt, RaisedBy = s.RaisedBy,
        RaisedByKind = s.RaisedByKind, RaisedAt = s.RaisedAt, Deadline = s.Deadline,
        State = state, Reason = reason, CorrectedValue = correctedValue, SettledAt = settledAt, UpdatedAt = at,
    };
}
