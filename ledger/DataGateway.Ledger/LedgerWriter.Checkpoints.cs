using DataGateway.Ledger.Verification;
using DataGateway.Resilience;
using Microsoft.Extensions.Logging;

namespace DataGateway.Ledger;

// Housekeeping between batches: draining the journal back into PostgreSQL, then signing checkpoints of this chain and
// the amendments' chain. Not the catalog's: a gateway did not write its events, and signing whatever head the database
// holds would sign an event inserted with SQL; the catalog's writer checkpoints the heads it writes itself.
public sealed partial class LedgerWriter
{
    private TimeSpan HousekeepingDelay()
    {
        if (_deadChainsDue)
        {
            // Retried no faster than the journal's drain while PostgreSQL does not answer.
            return Max(TimeSpan.Zero, _options.DrainInterval - _time.GetElapsedTime(_lastSettleAttemptAt));
        }

        if (_journal?.HasBacklog == true)
        {
            return Max(TimeSpan.Zero, _options.DrainInterval - _time.GetElapsedTime(_lastDrainAttemptAt));
        }

        return _signer is null ? Timeout.InfiniteTimeSpan : Max(TimeSpan.Zero, _options.CheckpointInterval - _time.GetElapsedTime(_lastCheckpointAt));
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// Drains the journal when it holds records; once the chain is all in PostgreSQL, settles deliveries (this
    /// chain's and dead gateways') and signs checkpoints.
    /// </summary>
    private async Task HousekeepAsync(bool final = false)
    {
        if (_deadChainsDue)
        {
            _lastSettleAttemptAt = _time.GetTimestamp();
        }

        try
        {
            FallBehindIfFailed(_chain.LastSeq);
            if (_journal?.HasBacklog == true)
            {
                _lastDrainAttemptAt = _time.GetTimestamp();
                using var timeout = new CancellationTokenSource(_options.CommitTimeout);
                var drained = await _journal.DrainAsync(_store, timeout.Token);
                LogDrained(_logger, drained);
                // Every record of the chain is in PostgreSQL now: the copying behind the calls starts again from its head.
                _ingestion?.Resume(new StoredHead(_chain.LastSeq, _chain.LastHash));
            }

            if (_journal?.HasBacklog == true)
            {
                return;
            }

            if (_ingestion is not null)
            {
                _journal!.Trim(_ingestion.Stored.Seq, includingOpen: final);
            }

            await SettleDeliveriesAsync();
            if (_signer is null)
            {
                return;
            }

            _lastCheckpointAt = _time.GetTimestamp();
            using (var timeout = new CancellationTokenSource(_options.CommitTimeout))
            {
                // Over what PostgreSQL holds: acknowledging from the journal, the chain's last records may not be there yet.
                var stored = Stored;
                if (stored.Seq > _checkpointedSeq)
                {
                    await _store.WriteCheckpointAsync(_signer.Sign(_chain.Id, stored.Seq, stored.Hash, _time.GetUtcNow()), timeout.Token);
                    _checkpointedSeq = stored.Seq;
                }

                if (await _store.LastAmendmentAsync(timeout.Token) is { } amendment)
                {
                    await _store.WriteCheckpointAsync(_signer.Sign(Checkpoint.AmendmentsChain, amendment.Seq, amendment.Hash, _time.GetUtcNow()), timeout.Token);
                }
            }
        }
        catch (Exception ex) when (DatabaseFaults.IsDatabaseError(ex))
        {
            // Any database failure, not only an outage: housekeeping runs inside the group-commit loop, which must go
            // on storing batches whatever the database says here; the next housekeeping tries again.
            if (final)
            {
                LogLeftInJournal(_logger, ex.Message, JournalBacklog);
            }
        }
    }

    [LoggerMessage(EventId = EventIds.JournalDrained, Level = LogLevel.Information, Message = "Ledger journal drained into PostgreSQL: {Count} records")]
    private static partial void LogDrained(ILogger logger, long count);

    [LoggerMessage(EventId = EventIds.ShutdownWithJournal, Level = LogLevel.Warning, Message = "Shut down with the ledger journal not drained ({Reason}): {Count} records wait for the next start")]
    private static partial void LogLeftInJournal(ILogger logger, string reason, long count);
}
