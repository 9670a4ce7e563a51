using Npgsql;

namespace DataGateway.Catalog.Store.Snapshots;

/// <summary>Runs a snapshot's queries on its one repeatable-read transaction.</summary>
internal sealed class DocumentReader(NpgsqlConnection connection, NpgsqlTransaction transaction, Marten.ISerializer serializer)
{
    public async Task<T> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        await reader.ReadAsync(cancellationToken);
        return reader.GetFieldValue<T>(0);
    }

    /// <summary>
    /// Each row's first column is a document, deserialised and mapped as it streams in. Not with
    /// <c>CommandBehavior.SequentialAccess</c>: Marten's <c>FromJson(reader, index)</c> then reads a document only in part.
    /// </summary>
    public async Task<List<TResult>> ReadAsync<TDocument, TResult>(
        string sql, Func<TDocument, TResult> map, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var list = new List<TResult>();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(map(serializer.FromJson<TDocument>(reader, 0)));
        }

        return list;
    }

    public async Task<List<string>> ReadTextsAsync(string sql, CancellationToken cancellationToken, params NpgsqlParameter[] parameters)
    {
        var list = new List<string>();
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddRange(parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }
}
