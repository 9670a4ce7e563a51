using DataGateway.Catalog.Store.Changes;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace DataGateway.Catalog.Storage;

/// <summary>One catalog change in progress: its connection, its history and the version it will commit as.</summary>
public sealed class CatalogTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, IDocumentSession session, string actor)
{
    private long? _version;

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
    public Task SaveAsync(CancellationToken cancellationToken) => session.SaveChangesAsync(cancellationToken);

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

    /// <summary>A document as the catalog's chained events hold it (until the chain moves onto Marten's events).</summary>
    public string Json(object document) => session.DocumentStore.Options.Serializer().ToJson(document);

    /// <summary>Marks the change as failed and passes the error result through.</summary>
    public T Fail<T>(T result)
    {
        Failed = true;
        return result;
    }

    /// <summary>Records one event of the change: who, what, before and after. The first event takes the new catalog version.</summary>
    public async Task RecordAsync(string entity, string entityId, string action, string? before, string? after, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(cancellationToken);
        await using var command = Command(
            "insert into catalog_events (version, actor, entity, entity_id, action, before, after) values (@version, @actor, @entity, @id, @action, @before, @after)");
        command.Parameters.AddWithValue("version", version);
        command.Parameters.AddWithValue("actor", actor);
        command.Parameters.AddWithValue("entity", entity);
        command.Parameters.AddWithValue("id", entityId);
        command.Parameters.AddWithValue("action", action);
        command.Parameters.Add(new NpgsqlParameter("before", NpgsqlDbType.Jsonb) { Value = (object?)before ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("after", NpgsqlDbType.Jsonb) { Value = (object?)after ?? DBNull.Value });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The catalog version this change commits as; taken (and the version row locked) on first use.</summary>
    public async Task<long> VersionAsync(CancellationToken cancellationToken)
    {
        if (_version is null)
        {
            await using var bump = Command("update catalog_version set version = version + 1 returning version");
            _version = (long)(await bump.ExecuteScalarAsync(cancellationToken))!;
        }

        return _version.Value;
    }

    /// <summary>Tells every listening gateway the new version; PostgreSQL delivers it only if the transaction commits.</summary>
    internal async Task NotifyAsync(CancellationToken cancellationToken)
    {
        if (_version is null)
        {
            return;
        }

        await using var command = Command("select pg_notify(@channel, @version)");
        command.Parameters.AddWithValue("channel", CatalogChannel.Name);
        command.Parameters.AddWithValue("version", _version.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
