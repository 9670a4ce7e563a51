using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Disputes;
using Marten;

namespace DataGateway.Catalog.Disputes;

/// <summary>
/// Disputes in Marten: each is a stream (<see cref="DisputeRaised"/>, then the department's answers) under
/// <see cref="DisputeStreams.For"/>, and the API reads the document its inline projection keeps.
/// </summary>
internal static class DisputeStore
{
    /// <summary>One page of the disputes <paramref name="scope"/> lets the caller see.</summary>
    public static async Task<(DisputeView[] Page, long Total)> ListAsync(
        IQuerySession session, DisputeScope scope, DisputeListQuery query, DateTimeOffset now, ListPage page, CancellationToken cancellationToken)
    {
        var owned = scope.OwnedDatasets.ToArray();
        IQueryable<DisputeDocument> Filtered()
        {
            IQueryable<DisputeDocument> q = session.Query<DisputeDocument>();
            if (!scope.All)
            {
                var org = scope.OrganizationId;
                q = owned.Length == 0 ? q.Where(d => d.RaisedBy == org) : q.Where(d => d.RaisedBy == org || d.Dataset.IsOneOf(owned));
            }

            if (query.Dataset is { } dataset)
            {
                q = q.Where(d => d.Dataset == dataset);
            }

            if (query.State is { } state)
            {
                q = q.Where(d => d.State == state);
            }

            if (query.OverdueOnly)
            {
                q = q.Where(d => d.State == DisputeStates.Open && d.Deadline < now);
            }

            return q;
        }

        Func<IQueryable<DisputeDocument>, IQueryable<DisputeDocument>> order = query.NewestFirst
            ? q => q.OrderByDescending(d => d.RaisedAt).ThenBy(d => d.Id)
            : q => q.OrderBy(d => d.Deadline).ThenBy(d => d.RaisedAt).ThenBy(d => d.Id);
        var (rows, total) = await ListPaging.PageAsync(Filtered, order, page, cancellationToken);
        return ([.. rows.Select(d => View(d, now))], total);
    }

    public static async Task<DisputeDocument?> FindAsync(IQuerySession session, Guid id, CancellationToken cancellationToken) =>
        await session.LoadAsync<DisputeDocument>(DisputeStreams.For(id), cancellationToken);

    /// <summary>
    /// The caller's own unsettled dispute about the same field of the same record, if there is one. Read in the
    /// writer's transaction: writers are serialised, so two identical disputes raised at once cannot both pass.
    /// </summary>
    public static async Task<DisputeDocument?> OpenDuplicateAsync(
        IQuerySession session, string raisedBy, string dataset, string recordKey, string field, CancellationToken cancellationToken) =>
        await session.Query<DisputeDocument>()
            .Where(d => d.RaisedBy == raisedBy && d.Dataset == dataset && d.RecordKey == recordKey && d.Field == field
                && (d.State == DisputeStates.Open || d.State == DisputeStates.ConfirmedPending))
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>Every event of the dispute's stream, oldest first: who, when, what and why.</summary>
    public static async Task<DisputeStep[]> HistoryAsync(IQuerySession session, string streamId, CancellationToken cancellationToken)
    {
        var events = await session.Events.FetchStreamAsync(streamId, token: cancellationToken);
        return [.. events.Select(e => e.Data switch
        {
            DisputeRaised r => new DisputeStep(e.Version, r.At, r.Actor, r.Action, null, null),
            DisputeConfirmed c => new DisputeStep(e.Version, c.At, c.Actor, c.Action, c.Reason, null),
            DisputeCorrected c => new DisputeStep(e.Version, c.At, c.Actor, c.Action, c.Reason, c.CorrectedValue),
            DisputeRejected r => new DisputeStep(e.Version, r.At, r.Actor, r.Action, r.Reason, null),
            Store.Documents.ICatalogEvent other => new DisputeStep(e.Version, other.At, other.Actor, other.Action, null, null),
            _ => new DisputeStep(e.Version, e.Timestamp, "", "unknown", null, null),
        })];
    }

    public static DisputeView View(DisputeDocument d, DateTimeOffset now) => new(
        d.DisputeId, d.Dataset, d.RecordKey, d.Field, d.Description, d.ProposedValue, d.State, d.RaisedBy, d.RequestId, d.RaisedAt,
        d.Deadline, DisputeDeadlines.IsOverdue(d.State, d.Deadline, now), d.Reason, d.CorrectedValue, d.SettledAt, d.Version, d.UpdatedAt);
}
