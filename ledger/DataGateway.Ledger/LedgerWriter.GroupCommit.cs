using System.Diagnostics;
using DataGateway.Resilience;
using Microsoft.Extensions.Logging;
using Polly;

namespace DataGateway.Ledger;

// The group commit: the loop that seals queued records into batches, stores each, and releases its calls.
public sealed partial class LedgerWriter
{
    /// <summary>
    /// The loop, guarded: a fault of the loop itself (a defect; the database's and the disk's failures are handled
    /// inside) fails every call waiting and every later one at once, and says so, instead of leaving them waiting forever.
    /// </summary>
    private async Task RunGuardedAsync()
    {
        try
        {
            await RunAsync();
        }
        catch (Exception ex)
        {
            Fault = ex;
            LogLoopFailed(_logger, ex);
            _queue.Writer.TryComplete(ex);
            foreach (var pending in _inFlight)
            {
                pending.Done.TrySetException(ex);
            }

            while (_queue.Reader.TryRead(out var pending))
            {
                pending.Done.TrySetException(ex);
            }
        }
    }

    private async Task RunAsync()
    {
        var batch = _inFlight;
        var sealedRecords = new List<LedgerRecord>(_options.MaxBatch);
        Task<bool>? readable = null;
        while (true)
        {
            readable ??= _queue.Reader.WaitToReadAsync().AsTask();
            if (!readable.IsCompleted)
            {
                // One timer until it fires (or the housekeeping it waits for changes), not one per batch.
                _housekeepingDue ??= Task.Delay(HousekeepingDelay(), _time);
                var woken = _ingestion is null || _journal!.HasBacklog
                    ? await Task.WhenAny(readable, _housekeepingDue)
                    : await Task.WhenAny(readable, _housekeepingDue, _ingestion.Failure);
                if (woken != readable)
                {
                    _housekeepingDue = null;
                    await HousekeepAsync();
                    continue;
                }
            }

            if (!await readable)
            {
                break;
            }

            readable = null;
            var taken = Stopwatch.GetTimestamp();
            batch.Clear();
            sealedRecords.Clear();
            while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                var sealedRecord = _chain.Seal(pending.Record);
                pending.Seq = sealedRecord.Seq;
                batch.Add(pending);
                sealedRecords.Add(sealedRecord);
            }

            Interlocked.Add(ref _queued, -batch.Count);
            if (batch.Count > 0)
            {
                LedgerMetrics.BatchWait.Observe(Stopwatch.GetElapsedTime(batch[0].AppendedAt, taken).TotalSeconds);
            }

            try
            {
                await StoreAsync(sealedRecords);
            }
            catch (Exception ex)
            {
                // Neither PostgreSQL nor the journal took the batch: its calls must learn that their records were not stored.
                LogBatchLost(_logger, ex, batch.Count);
                Release(batch, ex);
                foreach (var pending in batch)
                {
                    _delivery?.Settle(pending.Seq); // no record: nothing to find out later
                }

                continue;
            }

            Batches++;
            Committed += batch.Count;
            Release(batch, null, inline: _journalThread?.IsCurrent == true);
            batch.Clear(); // released: a fault of the loop from here on must not fail these calls
            if (_ingestion is not null)
            {
                _journal!.Trim(_ingestion.Stored.Seq);
            }

            if (!_undelivered.IsEmpty && _journal?.HasBacklog != true)
            {
                await AmendUndeliveredAsync();
            }

            if (_time.GetElapsedTime(_lastCheckpointAt) >= _options.CheckpointInterval)
            {
                _housekeepingDue = null;
                await HousekeepAsync();
            }
        }

        // Shutting down: everything appended is stored (and copied, acknowledging from the journal); give the journal one
        // chance to drain, then sign where the chain ends.
        if (_ingestion is not null)
        {
            await _ingestion.CompleteAsync();
        }

        await HousekeepAsync(final: true);
    }

    /// <summary>
    /// Lets the batch's calls go on, from one thread-pool item that runs their continuations in turn (finishing each
    /// response), while this loop goes on to the next batch. Acknowledging from the journal (<paramref name="inline"/>),
    /// the loop is on the journal's own thread after the batch's fsync, and that thread resumes them itself: no pool
    /// thread is taken from Kestrel, and the hop that took 164 µs a batch at half rate is gone (the next batch gathers
    /// meanwhile).
    /// </summary>
    private static void Release(List<Pending> batch, Exception? failure, bool inline = false)
    {
        if (inline && failure is null)
        {
            var resumed = Stopwatch.GetTimestamp();
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult(pending.Seq);
            }

            LedgerMetrics.Resume.Since(resumed);
            return;
        }

        var released = batch.ToArray();
        var durableAt = Stopwatch.GetTimestamp();
        ThreadPool.UnsafeQueueUserWorkItem(
            static state =>
            {
                var resumed = LedgerMetrics.ReleaseWait.Since(state.DurableAt);
                foreach (var pending in state.Released)
                {
                    if (state.Failure is null)
                    {
                        pending.Done.TrySetResult(pending.Seq);
                    }
                    else
                    {
                        pending.Done.TrySetException(state.Failure);
                    }
                }

                LedgerMetrics.Resume.Since(resumed);
            },
            (Released: released, Failure: failure, DurableAt: durableAt),
            preferLocal: false);
    }

    private async Task StoreAsync(List<LedgerRecord> records)
    {
        var started = Stopwatch.GetTimestamp();
        if (_journal is null)
        {
            await WriteUntilStoredAsync(records);
        }
        else if (_journal.HasBacklog || _ingestion?.Failed == true)
        {
            FallBehindIfFailed(records[0].Seq - 1);
            _journal.Append(_chain.Id, records);
            Journaled += records.Count;
        }
        else if (_ingestion is not null)
        {
            await AppendAheadAsync(records);
        }
        else
        {
            try
            {
                using var timeout = new CancellationTokenSource(_options.CommitTimeout);
                await _store.WriteAsync(records, timeout.Token, timed: true);
            }
            catch (Exception ex) when (DatabaseFaults.IsDatabaseError(ex))
            {
                // Any database failure, an outage or a refusal: the record must be durable somewhere and the chain must
                // not get a gap, so the journal keeps it until PostgreSQL takes it (a refused table is a person's fix).
                // Whether the batch reached PostgreSQL is unclear; journaling it anyway is safe because draining skips
                // request ids already stored.
                LogJournaling(_logger, ex.Message, records.Count);
                _journal.Append(_chain.Id, records);
                Journaled += records.Count;
                _lastDrainAttemptAt = _time.GetTimestamp();
                _housekeepingDue = null;
            }
        }

        LedgerMetrics.BatchSize.Observe(records.Count);
        LedgerMetrics.CommitDuration.Observe(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>
    /// Journal-first: the batch is durable once fsync'd to the journal, and handed to the ingestion to copy into
    /// PostgreSQL. If the disk refuses it (full, failing), PostgreSQL makes it durable instead, as without journal-first.
    /// </summary>
    private async Task AppendAheadAsync(List<LedgerRecord> records)
    {
        var batch = records.ToArray(); // the loop reuses its list
        var started = Stopwatch.GetTimestamp();
        try
        {
            await _journalThread!.RunAsync(() => _journal!.AppendAhead(_chain.Id, batch, _options.JournalSegmentBytes));
            LedgerMetrics.JournalAppend.Since(started);
            _ingestion!.Enqueue(batch);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            LogJournalRefused(_logger, ex.Message, batch.Length);
            using var timeout = new CancellationTokenSource(_options.CommitTimeout);
            await _store.WriteAsync(batch, timeout.Token, timed: true);
            _ingestion!.Enqueue(batch, alreadyStored: true);
        }
    }

    /// <summary>
    /// Journal-first, once the ingestion has failed: every record after what PostgreSQL holds, through
    /// <paramref name="throughSeq"/>, becomes journal backlog, drained like an outage's.
    /// </summary>
    private void FallBehindIfFailed(long throughSeq)
    {
        if (_ingestion is { Failed: true } && !_journal!.HasBacklog)
        {
            _journal.FallBehind(throughSeq - _ingestion.Stored.Seq);
            _lastDrainAttemptAt = _time.GetTimestamp();
            _housekeepingDue = null;
        }
    }

    /// <summary>
    /// Without a journal (benchmarks, tools), a batch waits out an outage; a refusal, which would repeat forever, fails
    /// the batch's calls instead (<see cref="DatabaseFaults.IsTransient"/>).
    /// </summary>
    private Task WriteUntilStoredAsync(IReadOnlyList<LedgerRecord> records) =>
        _untilStored.ExecuteAsync(async (batch, cancellationToken) => await _store.WriteAsync(batch, cancellationToken, timed: true), records, CancellationToken.None).AsTask();

    /// <summary>The shared database retry: 50 ms after the first failure, doubling with jitter, at most 2 s apart.</summary>
    private static ResiliencePipeline UntilStored(TimeProvider time) =>
        DatabaseRetry.Create(new DatabaseRetryOptions { FirstDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromSeconds(2) }, time);

    [LoggerMessage(EventId = EventIds.BatchJournaled, Level = LogLevel.Warning, Message = "PostgreSQL did not take a ledger batch ({Reason}); {Count} records journaled locally")]
    private static partial void LogJournaling(ILogger logger, string reason, int count);

    [LoggerMessage(EventId = EventIds.JournalRefused, Level = LogLevel.Warning, Message = "The local journal did not take a ledger batch ({Reason}); {Count} records committed to PostgreSQL instead")]
    private static partial void LogJournalRefused(ILogger logger, string reason, int count);

    [LoggerMessage(EventId = EventIds.LoopFailed, Level = LogLevel.Critical, Message = "The ledger's group-commit loop failed: every call fails until the gateway is restarted")]
    private static partial void LogLoopFailed(ILogger logger, Exception ex);

    [LoggerMessage(EventId = EventIds.BatchLost, Level = LogLevel.Error, Message = "A ledger batch of {Count} records could not be stored anywhere; its calls fail")]
    private static partial void LogBatchLost(ILogger logger, Exception ex, int count);
}
