using System.Diagnostics;
using System.Threading.Channels;
using System.Collections.Concurrent;
using DataGateway.Ledger.Delivery;
using DataGateway.Ledger.Verification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DataGateway.Ledger;

/// <summary>
/// Group commit: calls append their record and wait; one loop seals whatever has queued into the chain and writes it
/// as one batch, then releases every waiter of that batch at once. No call makes a database round trip of its own,
/// and a call's record is durable when its wait ends: committed to PostgreSQL or, while PostgreSQL is unreachable,
/// fsync'd to the local journal, which the loop drains back into PostgreSQL once it answers again.
/// </summary>
/// <remarks>
/// While the journal holds records, new batches go to the journal behind them, so PostgreSQL is not asked once per
/// batch during an outage, only once per <see cref="LedgerWriterOptions.DrainInterval"/>. Between batches the loop
/// also signs checkpoints of its chain and of the catalog's event chain. Disposing drains: every record appended
/// before is stored, then a last checkpoint is signed.
/// </remarks>
public sealed partial class LedgerWriter : IAsyncDisposable
{
    private readonly LedgerStore _store;
    private readonly LedgerChain _chain;
    private readonly LedgerJournal? _journal;
    private readonly DeliveryLog? _delivery;
    private readonly ConcurrentQueue<(long Seq, Guid RequestId)> _undelivered = new();
    private readonly CheckpointSigner? _signer;
    private readonly LedgerWriterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private long _checkpointedSeq;
    private long _lastCheckpointAt;
    private long _lastDrainAttemptAt;
    private long _queued;
    private Task? _housekeepingDue;
    private bool _deadChainsDue;
    private long _lastSettleAttemptAt;

    public LedgerWriter(
        LedgerStore store,
        LedgerChain chain,
        LedgerJournal? journal = null,
        CheckpointSigner? signer = null,
        LedgerWriterOptions? options = null,
        TimeProvider? time = null,
        ILogger? logger = null)
    {
        _store = store;
        _chain = chain;
        _journal = journal;
        _signer = signer;
        _options = options ?? new LedgerWriterOptions();
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _checkpointedSeq = chain.LastSeq;
        if (journal is not null && _options.TrackDelivery)
        {
            _deadChainsDue = DeadChainDeliveries.AnyIn(journal.Directory);
            _delivery = new DeliveryLog(journal.Directory, chain.Id, chain.LastSeq);
        }

        _lastCheckpointAt = _time.GetTimestamp();
        _loop = Task.Run(RunAsync);
    }

    public string ChainId => _chain.Id;

    /// <summary>Batches committed so far, and the records in them (for metrics and tests).</summary>
    public long Batches { get; private set; }

    public long Committed { get; private set; }

    /// <summary>Records that went to the local journal because PostgreSQL did not answer.</summary>
    public long Journaled { get; private set; }

    /// <summary>Records waiting in the journal for PostgreSQL.</summary>
    public long JournalBacklog => _journal?.Backlog ?? 0;

    /// <summary>Records appended and not yet durable.</summary>
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>
    /// Completes with the record's seq in the chain when the record is durable (PostgreSQL or the journal); faults
    /// when it could not be made so. The caller then reports what became of the response: <see cref="Delivered"/>,
    /// <see cref="Undelivered"/>, or <see cref="Settled"/> when the record already says the call is incomplete.
    /// </summary>
    public Task<long> AppendAsync(LedgerRecord record)
    {
        // Continuations run inline where the batch is released (see Release): one thread-pool hop per batch, not per call.
        var pending = new Pending(record);
        if (!_queue.Writer.TryWrite(pending))
        {
            return Task.FromException<long>(new InvalidOperationException("The ledger is shut down."));
        }

        Interlocked.Increment(ref _queued);
        return pending.Done.Task;
    }

    /// <summary>The call's response went out whole.</summary>
    public void Delivered(long seq) => _delivery?.Delivered(seq);

    /// <summary>The call's record says all there is to say (it is marked incomplete).</summary>
    public void Settled(long seq) => _delivery?.Settle(seq);

    /// <summary>The record was committed as complete, but the response did not go out whole: amend it.</summary>
    public void Undelivered(long seq, Guid requestId)
    {
        if (_delivery is null)
        {
            return;
        }

        _undelivered.Enqueue((seq, requestId));
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_options.MaxBatch);
        var sealedRecords = new List<LedgerRecord>(_options.MaxBatch);
        Task<bool>? readable = null;
        while (true)
        {
            readable ??= _queue.Reader.WaitToReadAsync().AsTask();
            if (!readable.IsCompleted)
            {
                // One timer until it fires (or the housekeeping it waits for changes), not one per batch.
                _housekeepingDue ??= Task.Delay(HousekeepingDelay(), _time);
                if (await Task.WhenAny(readable, _housekeepingDue) != readable)
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
            Release(batch, null);
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

        // Shutting down: everything appended is stored; give the journal one chance to drain, then sign where the chain ends.
        await HousekeepAsync(final: true);
    }

    /// <summary>
    /// Lets the batch's calls go on, from one thread-pool item that runs their continuations in turn (finishing each
    /// response), while this loop goes on to the next batch.
    /// </summary>
    private static void Release(List<Pending> batch, Exception? failure)
    {
        var released = batch.ToArray();
        ThreadPool.UnsafeQueueUserWorkItem(
            static state =>
            {
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
            },
            (Released: released, Failure: failure),
            preferLocal: false);
    }

    private async Task StoreAsync(List<LedgerRecord> records)
    {
        var started = Stopwatch.GetTimestamp();
        if (_journal is null)
        {
            await WriteUntilStoredAsync(records);
        }
        else if (_journal.HasBacklog)
        {
            _journal.Append(_chain.Id, records);
            Journaled += records.Count;
        }
        else
        {
            try
            {
                using var timeout = new CancellationTokenSource(_options.CommitTimeout);
                await _store.WriteAsync(records, timeout.Token);
            }
            catch (Exception ex) when (IsOutage(ex))
            {
                // Whether the batch reached PostgreSQL is unclear; journaling it anyway is safe because draining skips
                // request ids already stored.
                LogJournaling(_logger, ex.Message, records.Count);
                _journal.Append(_chain.Id, records);
                Journaled += records.Count;
                _lastDrainAttemptAt = _time.GetTimestamp();
                _housekeepingDue = null;
            }
        }

        LedgerMetrics.BatchSize.Record(records.Count);
        LedgerMetrics.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>Without a journal (benchmarks, tools), a batch waits out an outage.</summary>
    private async Task WriteUntilStoredAsync(IReadOnlyList<LedgerRecord> records)
    {
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                await _store.WriteAsync(records, CancellationToken.None);
                return;
            }
            catch (Exception ex) when (IsOutage(ex))
            {
                await Task.Delay(delay, _time);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
        }
    }

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
            if (_journal?.HasBacklog == true)
            {
                _lastDrainAttemptAt = _time.GetTimestamp();
                using var timeout = new CancellationTokenSource(_options.CommitTimeout);
                var drained = await _journal.DrainAsync(_store, timeout.Token);
                LogDrained(_logger, drained);
            }

            if (_journal?.HasBacklog == true)
            {
                return;
            }

            await SettleDeliveriesAsync();
            if (_signer is null)
            {
                return;
            }

            _lastCheckpointAt = _time.GetTimestamp();
            using (var timeout = new CancellationTokenSource(_options.CommitTimeout))
            {
                if (_chain.LastSeq > _checkpointedSeq)
                {
                    await _store.WriteCheckpointAsync(_signer.Sign(_chain.Id, _chain.LastSeq, _chain.LastHash, _time.GetUtcNow()), timeout.Token);
                    _checkpointedSeq = _chain.LastSeq;
                }

                if (await _store.LastCatalogEventAsync(timeout.Token) is { } catalog)
                {
                    await _store.WriteCheckpointAsync(_signer.Sign(Checkpoint.CatalogChain, catalog.Seq, catalog.Hash, _time.GetUtcNow()), timeout.Token);
                }

                if (await _store.LastAmendmentAsync(timeout.Token) is { } amendment)
                {
                    await _store.WriteCheckpointAsync(_signer.Sign(Checkpoint.AmendmentsChain, amendment.Seq, amendment.Hash, _time.GetUtcNow()), timeout.Token);
                }
            }
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            if (final)
            {
                LogLeftInJournal(_logger, ex.Message, JournalBacklog);
            }
        }
    }

    /// <summary>
    /// Stores the amendments of calls whose responses did not go out, then those of dead gateways' calls, and moves
    /// this chain's delivery watermark on. Run only with the journal empty: a dead chain's records must all be in
    /// PostgreSQL before its undelivered ones can be told apart.
    /// </summary>
    private async Task SettleDeliveriesAsync()
    {
        if (_delivery is null || _journal is null)
        {
            return;
        }

        await AmendUndeliveredAsync();
        using var timeout = new CancellationTokenSource(_options.CommitTimeout);
        var amended = await DeadChainDeliveries.SettleAsync(_journal.Directory, _store, _chain.Id, _signer, timeout.Token);
        _deadChainsDue = false;
        if (amended > 0)
        {
            LogAmendedDead(_logger, amended);
        }

        _delivery.WriteWatermark();
    }

    private async Task AmendUndeliveredAsync()
    {
        var amendments = new List<(long Seq, Guid RequestId)>();
        while (_undelivered.TryDequeue(out var amendment))
        {
            amendments.Add(amendment);
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.CommitTimeout);
            await _store.AmendUndeliveredAsync(amendments.Select(a => a.RequestId).ToList(), _chain.Id, _signer, timeout.Token);
        }
        catch (Exception ex) when (IsOutage(ex))
        {
            // Kept for the next attempt; their seqs stay unsettled, so after a crash the next gateway finds them instead.
            amendments.ForEach(_undelivered.Enqueue);
            return;
        }

        foreach (var (seq, _) in amendments)
        {
            _delivery?.Settle(seq);
        }
    }

    private static bool IsOutage(Exception ex) =>
        ex is Npgsql.NpgsqlException or TimeoutException or IOException or OperationCanceledException or System.Net.Sockets.SocketException;

    /// <summary>Stops taking records and stores every record already appended (the drain on shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        _delivery?.Close(_chain.LastSeq);
        _journal?.Dispose();
    }

    private sealed class Pending(LedgerRecord record)
    {
        public LedgerRecord Record { get; } = record;

        public TaskCompletionSource<long> Done { get; } = new();

        /// <summary>Set when sealed.</summary>
        public long Seq { get; set; }
    }

    [LoggerMessage(EventId = EventIds.BatchJournaled, Level = LogLevel.Warning, Message = "PostgreSQL did not take a ledger batch ({Reason}); {Count} records journaled locally")]
    private static partial void LogJournaling(ILogger logger, string reason, int count);

    [LoggerMessage(EventId = EventIds.JournalDrained, Level = LogLevel.Information, Message = "Ledger journal drained into PostgreSQL: {Count} records")]
    private static partial void LogDrained(ILogger logger, long count);

    [LoggerMessage(EventId = EventIds.BatchLost, Level = LogLevel.Error, Message = "A ledger batch of {Count} records could not be stored anywhere; its calls fail")]
    private static partial void LogBatchLost(ILogger logger, Exception ex, int count);

    [LoggerMessage(EventId = EventIds.UndeliveredAmended, Level = LogLevel.Warning, Message = "{Count} calls of gateways that stopped without finishing them were committed but never delivered: amended as undelivered")]
    private static partial void LogAmendedDead(ILogger logger, int count);

    [LoggerMessage(EventId = EventIds.ShutdownWithJournal, Level = LogLevel.Warning, Message = "Shut down with the ledger journal not drained ({Reason}): {Count} records wait for the next start")]
    private static partial void LogLeftInJournal(ILogger logger, string reason, long count);
}

public sealed class LedgerWriterOptions
{
    /// <summary>Most records in one batch.</summary>
    public int MaxBatch { get; init; } = 10_000;

    /// <summary>How long a batch may take to commit before it goes to the journal instead.</summary>
    public TimeSpan CommitTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>How often to try PostgreSQL again while the journal holds records.</summary>
    public TimeSpan DrainInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Keep a delivery log next to the journal (<see cref="Delivery.DeliveryLog"/>): every caller of
    /// <see cref="LedgerWriter.AppendAsync"/> then reports what became of its response, and the calls of a crashed
    /// writer that were committed but never delivered are amended by the next one. Needs a journal.
    /// </summary>
    public bool TrackDelivery { get; init; }

    /// <summary>How often to sign a checkpoint of the chain (and at shutdown).</summary>
    public TimeSpan CheckpointInterval { get; init; } = TimeSpan.FromSeconds(60);
}
