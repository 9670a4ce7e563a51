using DataGateway.Catalog.Store.Changes;
using DataGateway.Catalog.Store.Documents;
using DataGateway.Ledger.Verification;
using JasperFx.Events;
using Marten;
using Npgsql;

namespace DataGateway.Catalog.Storage;

/// <summary>One catalog change in progress: its connection, the events it appended and the version it will commit as.</summary>
public sealed class CatalogTransaction(
    NpgsqlConnection connection, NpgsqlTransaction transaction, IDocumentSession session, string actor, CheckpointSigner? signer = null)
{
    // Every event this change sent to Marten, with the sequence Marten gave it: what the change links into the chain.
    private readonly List<IEvent> _appended = [];

    public NpgsqlConnection Connection => connection;

    /// <summary>Marten's session, enlisted in this change's transaction: streams appended here commit with it.</summary>
    public IDocumentSession Session => session;

    public string Actor => actor;

    /// <summary>The writer's clock for the events of this change.</summary>
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// Sends what the session holds (appends and their inline projections) in this transaction, without committing.
    /// Throws <c>JasperFx.ConcurrencyException</c> on a stale expected version and
    /// <c>ExistingStreamIdCollisionException</c> on a stream started twice; the caller answers 412 or 409.
    /// </summary>
    public async Task SaveAsync(CancellationToken cancellationToken)
    {
        // Taken before the save, which clears them: the same event objects then carry the sequences Marten gave them.
        var pending = session.PendingChanges.Streams().SelectMany(s => s.Events).ToList();
        await session.SaveChangesAsync(cancellationToken);
        _appended.AddRange(pending);
    }

    /// <summary>Set by the work when it decides to answer with an error: nothing it wrote is kept.</summary>
    public bool Failed { get; private set; }

    public NpgsqlCommand Command(string sql)
    {
        return new NpgsqlCommand(sql, connection, transaction);
    }

    /// <summary>
    /// The entity as its stream makes it, and the stream's version, for a change to it: (null, 0) when there is no
    /// stream, (null, n) when the entity was deleted at version n. The state is aggregated from the events themselves
    /// (the projection's fold, live), not read from the projected document: what a change may do (a workflow's next
    /// step, an ETag) is decided by the stream. Writers are serialised (<see cref="CatalogWriter"/>), so the version
    /// read here is the one the append expects.
    /// </summary>
    public async Task<(TDocument? Current, long Version)> StreamAsync<TDocument>(string id, CancellationToken cancellationToken)
        where TDocument : class
    {
        var state = await session.Events.FetchStreamStateAsync(id, cancellationToken);
        return state is null ? (null, 0) : (await session.Events.AggregateStreamAsync<TDocument>(id, token: cancellationToken), state.Version);
    }

    /// <summary>
    /// Appends <paramref name="e"/> to the stream at <paramref name="version"/> (0: starts it). Marten checks the
    /// expected version (the one after the append) when the change is saved.
    /// </summary>
    public void Append<TDocument>(string id, long version, object e)
        where TDocument : class
    {
        if (version == 0)
        {
            session.Events.StartStream<TDocument>(id, e);
        }
        else
        {
            session.Events.Append(id, version + 1, e);
        }
    }

    /// <summary>
    /// Saves the change's events, or marks the change failed and answers why: a writer that appended to the stream
    /// since it was read (412 <c>precondition_failed</c>) or started it at the same moment (409 <c>already_exists</c>).
    /// Null when saved.
    /// </summary>
    public async Task<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult?> SaveOrRefuseAsync(string entity, string id, CancellationToken cancellationToken)
    {
        try
        {
            await SaveAsync(cancellationToken);
            return null;
        }
        catch (JasperFx.ConcurrencyException)
        {
            return Fail(Problems.CatalogProblems.Stale(entity, id));
        }
        catch (Marten.Exceptions.ExistingStreamIdCollisionException)
        {
            return Fail(Problems.CatalogProblems.Duplicate(entity, id));
        }
    }

    /// <summary>Marks the change as failed and passes the error result through.</summary>
    public T Fail<T>(T result)
    {
        Failed = true;
        return result;
    }

    /// <summary>
    /// The catalog version this change commits as: Marten's highest event sequence once the change's events are sent
    /// (<see cref="CatalogVersion"/>). Sends what the session holds first; writers are serialised, so no other change
    /// can move it before this one commits.
    /// </summary>
    public async Task<long> VersionAsync(CancellationToken cancellationToken)
    {
        await SaveAsync(cancellationToken);
        await using var command = Command(CatalogVersion.Sql);
        return (long)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    /// <summary>
    /// Links the change's events into the catalog's chain and checkpoints the head it wrote
    /// (<see cref="CatalogChainWriter"/>), then tells every listening gateway the version (a plain <c>notify</c> in this
    /// transaction: PostgreSQL delivers it only if the transaction commits, never on a rollback). A change that appended
    /// nothing tells nobody.
    /// </summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        var version = await VersionAsync(cancellationToken);
        if (_appended.Count == 0)
        {
            return;
        }

        await CatalogChainWriter.AppendAsync(
            connection, transaction, _appended, session.DocumentStore.Options.Serializer(), signer, DateTimeOffset.UtcNow, cancellationToken);
        _appended.Clear();

        // The channel is a constant identifier and the version a number: a literal, because NOTIFY takes no parameters.
        await using var notify = Command(
            $"notify {CatalogChannel.Name}, '{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}'");
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }
}
