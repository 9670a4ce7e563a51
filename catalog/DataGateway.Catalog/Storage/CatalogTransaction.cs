using DataGateway.Catalog.Store.Changes;
using DataGateway.Catalog.Store.Documents;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace DataGateway.Catalog.Storage;

/// <summary>One catalog change in progress: its connection, its history and the version it will commit as.</summary>
public sealed class CatalogTransaction(NpgsqlConnection connection, NpgsqlTransaction transaction, IDocumentSession session, string actor)
{
    private readonly List<(string Entity, string EntityId, string Action, string? Before, string? After)> _records = [];


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

    /// <summary>
    /// Records one event of the change in the chained history (who, what, before and after). Kept until the change is
    /// saved, and written then with the version the change commits as (<see cref="FlushAsync"/>).
    /// </summary>
    public Task RecordAsync(string entity, string entityId, string action, string? before, string? after, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        _records.Add((entity, entityId, action, before, after));
        return Task.CompletedTask;
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
    /// Writes the recorded history rows under the change's version, then tells every listening gateway that version
    /// (a plain <c>notify</c> in this transaction: PostgreSQL delivers it only if the transaction commits, never on a
    /// rollback). A change that recorded nothing tells nobody.
    /// </summary>
    internal async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (_records.Count == 0)
        {
            return;
        }

        var version = await VersionAsync(cancellationToken);
        await using (var copy = await connection.BeginBinaryImportAsync(
            "copy catalog_events (version, actor, entity, entity_id, action, before, after) from stdin (format binary)", cancellationToken))
        {
            foreach (var (entity, entityId, action, before, after) in _records)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(version, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(actor, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(entity, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(entityId, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(action, NpgsqlDbType.Text, cancellationToken);
                await WriteJsonAsync(copy, before, cancellationToken);
                await WriteJsonAsync(copy, after, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        _records.Clear();

        // The channel is a constant identifier and the version a number: a literal, because NOTIFY takes no parameters.
        await using var notify = Command(
            $"notify {CatalogChannel.Name}, '{version.ToString(System.Globalization.CultureInfo.InvariantCulture)}'");
        await notify.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task WriteJsonAsync(NpgsqlBinaryImporter copy, string? json, CancellationToken cancellationToken)
    {
        if (json is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(json, NpgsqlDbType.Jsonb, cancellationToken);
        }
    }
}
