using DataGateway.Ledger;
using DataGateway.Ledger.Verification;
using JasperFx.Events;
using Marten;
using Npgsql;
using NpgsqlTypes;

namespace DataGateway.Catalog.Storage;

/// <summary>
/// Links the events one catalog change appended into the catalog's chain (<c>catalog_chain</c>), and checkpoints the
/// head it wrote: in the change's transaction, after its last <c>SaveChanges</c>, under the catalog writer's lock, so
/// links are written in seq order and no other writer's interleave.
/// </summary>
/// <remarks>
/// Only the events this change holds in memory are linked, found in <c>mt_events</c> by the sequence Marten gave them:
/// a row someone inserted with SQL in the meantime (it would take no lock) has no link, and verify reports it. Each
/// link hashes the event's stored columns as read back in this transaction (cheap: no body) and the body the writer
/// handed Marten, in its canonical spelling (<see cref="CanonicalJson"/>), so a city-sized import does not read its
/// 17,320 bodies back. The checkpoint is signed here, over the head this change computed, and never over a head read
/// from the database: that head may end in a link nobody of the catalog wrote. For the same reason a change extends the
/// last head signed with the catalog's key, not the table's last link.
/// </remarks>
internal static class CatalogChainWriter
{
    public static async Task<(long Seq, byte[] Hash)> AppendAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, IReadOnlyList<IEvent> appended, ISerializer serializer, CheckpointSigner? signer,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var events = appended.OrderBy(e => e.Sequence).ToList();
        if (events.Any(e => e.Sequence <= 0))
        {
            // Marten's Rich append mode (the default) gives every event its sequence before it is sent; another mode must not slip in.
            throw new InvalidOperationException("An appended event has no sequence: the catalog's chain needs Marten's Rich append mode.");
        }

        var previous = await HeadAsync(connection, transaction, signer, cancellationToken);
        var stored = await ReadStoredAsync(connection, transaction, events, cancellationToken);
        var links = new List<(long Seq, Guid EventId, byte[] PrevHash, byte[] Hash)>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            var hash = CatalogEventLink.Hash(stored[i], CanonicalJson.Of(serializer.ToJson(events[i].Data)), previous);
            links.Add((stored[i].Seq, stored[i].Id, previous, hash));
            previous = hash;
        }

        await using (var copy = await connection.BeginBinaryImportAsync("copy catalog_chain (seq, event_id, prev_hash, hash) from stdin (format binary)", cancellationToken))
        {
            foreach (var link in links)
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(link.Seq, NpgsqlDbType.Bigint, cancellationToken);
                await copy.WriteAsync(link.EventId, NpgsqlDbType.Uuid, cancellationToken);
                await copy.WriteAsync(link.PrevHash, NpgsqlDbType.Bytea, cancellationToken);
                await copy.WriteAsync(link.Hash, NpgsqlDbType.Bytea, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        var last = links[^1];
        if (signer is not null)
        {
            await WriteCheckpointAsync(connection, transaction, signer.Sign(Checkpoint.CatalogChain, last.Seq, last.Hash, now), cancellationToken);
        }

        return (last.Seq, last.Hash);
    }

    /// <summary>
    /// The hash the change links onto: the last head a writer of the catalog checkpointed with this key, so a link
    /// someone appended to the table with a correctly computed hash is left off the chain this writer signs (verify
    /// names it); the table's last link when the catalog has no key, or nothing of its key is there yet.
    /// </summary>
    private static async Task<byte[]> HeadAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CheckpointSigner? signer, CancellationToken cancellationToken)
    {
        if (signer is not null)
        {
            await using var signed = new NpgsqlCommand(
                """
                select c.seq, c.hash, k.signed_at, k.key_id, k.signature
                from catalog_chain c join ledger_checkpoints k on k.chain = @chain and k.seq = c.seq and k.hash = c.hash
                where k.key_id = @key order by c.seq desc limit 1000
                """, connection, transaction);
            signed.Parameters.AddWithValue("chain", Checkpoint.CatalogChain);
            signed.Parameters.AddWithValue("key", signer.KeyId);
            await using var reader = await signed.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // A checkpoint row under the key's id that the key did not sign is skipped: forged, it vouches for nothing.
                var checkpoint = new Checkpoint(Checkpoint.CatalogChain, reader.GetInt64(0), reader.GetFieldValue<byte[]>(1),
                    reader.GetFieldValue<DateTimeOffset>(2), reader.GetString(3), reader.GetFieldValue<byte[]>(4));
                if (signer.Made(checkpoint))
                {
                    return checkpoint.Hash;
                }
            }
        }

        await using var head = new NpgsqlCommand("select hash from catalog_chain order by seq desc limit 1", connection, transaction);
        return await head.ExecuteScalarAsync(cancellationToken) as byte[] ?? LedgerChain.Genesis;
    }

    /// <summary>The change's own rows of <c>mt_events</c>, without their bodies, in seq order; each must be the event the change appended.</summary>
    private static async Task<List<StoredCatalogEvent>> ReadStoredAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, List<IEvent> events, CancellationToken cancellationToken)
    {
        var stored = new List<StoredCatalogEvent>(events.Count);
        await using var command = new NpgsqlCommand(StoredEventColumns.SelectWithoutData + " where seq_id = any(@seqs) order by seq_id", connection, transaction);
        command.Parameters.AddWithValue("seqs", events.Select(e => e.Sequence).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            stored.Add(StoredEventColumns.Read(reader));
        }

        if (stored.Count != events.Count || stored.Where((s, i) => s.Id != events[i].Id || s.StreamId != events[i].StreamKey).Any())
        {
            throw new InvalidOperationException("The events read back are not the ones this change appended.");
        }

        return stored;
    }

    private static async Task WriteCheckpointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, Checkpoint checkpoint, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(null, connection, transaction);
        await CheckpointRows.InsertAsync(command, checkpoint, cancellationToken);
    }
}
