using System.Security.Cryptography;
using Npgsql;

namespace DataGateway.Ledger.Verification;

/// <summary>
/// Verifies the catalog's chain: walks Marten's <c>mt_events</c> against the links the catalog's writer kept in
/// <c>catalog_chain</c> and the signed checkpoints of chain <c>catalog</c>, and reports every event that does not
/// prove itself, with its seq: changed (its link's hash no longer matches), deleted (a link without its event),
/// inserted (an event without a link: no writer of the catalog appended it), moved (an event at a seq its link does not
/// name), truncated (links or events cut off the tail, or the chain ending before its last checkpoint), and links
/// that do not follow one another (a link deleted, inserted or rewritten).
/// </summary>
/// <remarks>
/// Unlike a call chain, which stops at its first bad record, every finding is listed: each event is checked against a
/// link of its own, so one bad event says nothing about the next.
/// </remarks>
internal sealed class CatalogChainWalk(NpgsqlDataSource dataSource, IReadOnlyList<Checkpoint> checkpoints, IReadOnlyDictionary<string, ECDsa> keys)
{
    private readonly List<ChainFinding> _findings = [];

    public async Task<ChainReport> VerifyAsync(LedgerStore store, CancellationToken cancellationToken)
    {
        // The catalog's tables, not the ledger's: absent where the catalog never started (a ledger-only database).
        var present = await store.TableExistsAsync("mt_events", cancellationToken) && await store.TableExistsAsync("catalog_chain", cancellationToken);
        var links = present ? await ReadLinksAsync(cancellationToken) : [];
        var bySeq = links.ToDictionary(l => l.Seq);
        var seqOfEvent = new Dictionary<Guid, long>();
        foreach (var link in links)
        {
            seqOfEvent.TryAdd(link.EventId, link.Seq);
        }

        CheckLinks(links);
        var trusted = CheckCheckpoints(bySeq, links.Count == 0 ? 0 : links[^1].Seq);

        var seen = new HashSet<long>();
        long lastEventSeq = 0;
        if (present)
        {
            await foreach (var e in ReadEventsAsync(cancellationToken))
            {
                lastEventSeq = e.Seq;
                CheckEvent(e, bySeq, seqOfEvent, seen);
            }
        }

        var tailCut = false;
        foreach (var link in links.Where(l => !seen.Contains(l.Seq)))
        {
            if (link.Seq > lastEventSeq)
            {
                // Every link from here on has lost its event: the tail was cut, not one event deleted.
                if (!tailCut)
                {
                    Add(ChainProblems.TailTruncated, link.Seq, $"The events from {link.Seq} on are gone; the chain links them up to {links[^1].Seq}: events were cut off the tail.");
                    tailCut = true;
                }
            }
            else
            {
                Add(ChainProblems.RecordMissing, link.Seq, $"The event at {link.Seq} is missing: the chain links it, mt_events no longer holds it.");
            }
        }

        var findings = _findings.OrderBy(f => f.Seq).ThenBy(f => f.Code, StringComparer.Ordinal).ToList();
        var first = findings.FirstOrDefault();
        return new ChainReport(
            Checkpoint.CatalogChain, links.Count, links.Count == 0 ? 0 : links[^1].Seq, trusted, first?.Code, first?.Seq, first?.Detail, findings);
    }

    private void CheckEvent(StoredCatalogEvent e, Dictionary<long, Link> bySeq, Dictionary<Guid, long> seqOfEvent, HashSet<long> seen)
    {
        var linkedAt = seqOfEvent.TryGetValue(e.Id, out var at) ? at : (long?)null;
        if (!bySeq.TryGetValue(e.Seq, out var link))
        {
            if (linkedAt is null && IsTombstone(e))
            {
                return;
            }

            Add(linkedAt is not null ? ChainProblems.RecordMoved : ChainProblems.RecordUnlinked, e.Seq, linkedAt is { } from
                ? $"The event at {e.Seq} was appended at {from}: it was moved."
                : $"The event at {e.Seq} has no link: no catalog writer appended it (written into mt_events directly).");
            return;
        }

        seen.Add(e.Seq);
        if (link.EventId != e.Id && linkedAt is { } original && original != e.Seq)
        {
            Add(ChainProblems.RecordMoved, e.Seq, $"The event at {e.Seq} was appended at {original}: events were reordered.");
        }
        else if (!CatalogEventLink.Hash(e, link.PrevHash).AsSpan().SequenceEqual(link.Hash))
        {
            Add(ChainProblems.RecordAltered, e.Seq, $"The event at {e.Seq} no longer matches its link: a value was changed.");
        }
        else if (link.EventId != e.Id)
        {
            // The event proves itself (its id is in the hash); the link's copy of the id was edited.
            Add(ChainProblems.LinkBroken, e.Seq, $"The link at {e.Seq} names another event than the one it hashes: the link was edited.");
        }
    }

    /// <summary>
    /// Marten's own filler for the sequence numbers of a save that failed (a 412 or a 409 refuses the change after its
    /// events drew their numbers): no catalog writer appended it, so it has no link, and it changes nothing — no
    /// projection reads it, its body is empty. Anything else on Marten's tombstone stream is reported as inserted.
    /// </summary>
    private static bool IsTombstone(StoredCatalogEvent e) =>
        e.StreamId == "mt_tombstone" && e.Type == "tombstone" && CanonicalJson.Of(e.Data) is "{}" or "null";

    /// <summary>
    /// Each link names the one before it; a link deleted, inserted or rewritten breaks that. A link that names an earlier
    /// one, skipping some, was written by the catalog's writer past links it did not trust (it extends only heads it
    /// checkpointed): the skipped links are the ones reported.
    /// </summary>
    private void CheckLinks(List<Link> links)
    {
        var previous = LedgerChain.Genesis;
        var seqOfHash = new Dictionary<string, int>(StringComparer.Ordinal) { [Convert.ToHexString(previous)] = -1 };
        for (var i = 0; i < links.Count; i++)
        {
            var link = links[i];
            if (!link.PrevHash.AsSpan().SequenceEqual(previous))
            {
                if (seqOfHash.TryGetValue(Convert.ToHexString(link.PrevHash), out var extended) && extended < i - 1)
                {
                    foreach (var skipped in links.Skip(extended + 1).Take(i - extended - 1))
                    {
                        Add(ChainProblems.LinkBroken, skipped.Seq, $"The link at {skipped.Seq} is not on the chain the catalog's writer extended (the link at {link.Seq} follows the one at {(extended < 0 ? 0 : links[extended].Seq)}): written by someone else.");
                    }
                }
                else
                {
                    Add(ChainProblems.LinkBroken, link.Seq, $"The link at {link.Seq} does not follow the link before it: a link was deleted, inserted or rewritten.");
                }
            }

            seqOfHash.TryAdd(Convert.ToHexString(link.Hash), i);
            previous = link.Hash;
        }
    }

    /// <summary>Checks the signed checkpoints against the links; returns the last trusted checkpoint's seq.</summary>
    private long? CheckCheckpoints(Dictionary<long, Link> bySeq, long lastLinkSeq)
    {
        long? last = null;
        foreach (var checkpoint in checkpoints)
        {
            if (!keys.TryGetValue(checkpoint.KeyId, out var key) || !checkpoint.IsSignedBy(key))
            {
                Add(ChainProblems.CheckpointSignatureInvalid, checkpoint.Seq, $"The checkpoint at {checkpoint.Seq} is not signed by a trusted key (key id {checkpoint.KeyId}).");
                continue;
            }

            last = last is { } l && l > checkpoint.Seq ? l : checkpoint.Seq;
            if (bySeq.TryGetValue(checkpoint.Seq, out var link))
            {
                if (!link.Hash.AsSpan().SequenceEqual(checkpoint.Hash))
                {
                    Add(ChainProblems.CheckpointMismatch, checkpoint.Seq, $"The chain up to {checkpoint.Seq} is not the one checkpointed: it was rewritten.");
                }
            }
            else if (checkpoint.Seq <= lastLinkSeq)
            {
                Add(ChainProblems.RecordMissing, checkpoint.Seq, $"The link at {checkpoint.Seq}, which a checkpoint signed, is gone.");
            }
        }

        if (last is { } end && end > lastLinkSeq)
        {
            Add(ChainProblems.TailTruncated, lastLinkSeq + 1, $"The chain ends at {lastLinkSeq}, before its checkpoint at {end}: links were cut off.");
        }
        else if (last is { } signed)
        {
            // The catalog's writer checkpoints every head it writes, in the same transaction as the links: a link past
            // the last checkpoint was written by no writer holding the key, however well its hash is computed.
            foreach (var link in bySeq.Values.Where(l => l.Seq > signed).OrderBy(l => l.Seq))
            {
                Add(ChainProblems.LinkUnsigned, link.Seq, $"The link at {link.Seq} comes after the last checkpoint ({signed}): the catalog's writer did not write it.");
            }
        }

        return last;
    }

    private void Add(string code, long seq, string detail) => _findings.Add(new ChainFinding(code, seq, detail));

    private async Task<List<Link>> ReadLinksAsync(CancellationToken cancellationToken)
    {
        var links = new List<Link>();
        await using var command = dataSource.CreateCommand("select seq, event_id, prev_hash, hash from catalog_chain order by seq");
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            links.Add(new Link(r.GetInt64(0), r.GetGuid(1), r.GetFieldValue<byte[]>(2), r.GetFieldValue<byte[]>(3)));
        }

        return links;
    }

    private async IAsyncEnumerable<StoredCatalogEvent> ReadEventsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(StoredEventColumns.Select + " order by seq_id");
        await using var r = await command.ExecuteReaderAsync(cancellationToken);
        while (await r.ReadAsync(cancellationToken))
        {
            yield return StoredEventColumns.Read(r);
        }
    }

    private sealed record Link(long Seq, Guid EventId, byte[] PrevHash, byte[] Hash);
}
