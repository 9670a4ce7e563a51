using System.Collections.Concurrent;
using System.Threading.Channels;
using DataGateway.Ledger.Delivery;
using DataGateway.Ledger.Verification;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

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
/// also signs checkpoints of its chain and of the amendments' chain. Disposing drains: every record appended
/// before is stored, then a last checkpoint is signed.
/// <para>
/// One concern a file: this one holds the state and the calls' side; <c>LedgerWriter.GroupCommit.cs</c> the loop
/// and the batch's way to PostgreSQL or the journal; <c>LedgerWriter.Checkpoints.cs</c> the housekeeping between
/// batches (journal drain, signed checkpoints); <c>LedgerWriter.Deliveries.cs</c> the delivery amendments.
/// </para>
/// </remarks>
public sealed partial class LedgerWriter : IAsyncDisposable
{
    private readonly LedgerStore _store;
    private readonly LedgerChain _chain;
    private readonly LedgerJournal? _journal;
    private readonly LedgerIngestion? _ingestion;
    private readonly JournalThread? _journalThread;
    private readonly DeliveryLog? _delivery;
    private readonly ConcurrentQueue<(long Seq, Guid RequestId)> _undelivered = new();
    private readonly CheckpointSigner? _signer;
    private readonly LedgerWriterOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;
    private readonly List<Pending> _inFlight;
    private readonly Task _partitions;
    private readonly ResiliencePipeline _untilStored;
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
        if (_options.AcknowledgeFromJournal)
        {
            _ingestion = journal is null
                ? throw new ArgumentException("Acknowledging from the journal needs a journal.", nameof(journal))
                : new LedgerIngestion(store, new StoredHead(chain.LastSeq, chain.LastHash), _options, _time, _logger);
            _journalThread = new JournalThread("ledger journal " + chain.Id);
        }

        if (journal is not null && _options.TrackDelivery)
        {
            _deadChainsDue = DeadChainDeliveries.AnyIn(journal.Directory);
            _delivery = new DeliveryLog(journal.Directory, chain.Id, chain.LastSeq);
        }

        _lastCheckpointAt = _time.GetTimestamp();
        _untilStored = UntilStored(_time);
        _inFlight = new List<Pending>(_options.MaxBatch);
        _loop = Task.Run(RunGuardedAsync);
        _partitions = Task.Run(KeepPartitionsAsync);
    }

    public string ChainId => _chain.Id;

    /// <summary>Batches committed so far, and the records in them (for metrics and tests).</summary>
    public long Batches { get; private set; }

    public long Committed { get; private set; }

    /// <summary>Records that went to the local journal because PostgreSQL did not answer.</summary>
    public long Journaled { get; private set; }

    /// <summary>Records waiting in the journal for PostgreSQL (acknowledging from the journal, those not copied yet too).</summary>
    public long JournalBacklog => (_journal?.Backlog ?? 0) + (_ingestion is { Failed: false } ingestion && _journal?.HasBacklog == false
        ? Math.Max(0, _chain.LastSeq - ingestion.Stored.Seq)
        : 0);

    /// <summary>Where the part of this chain PostgreSQL holds ends (all of it, unless acknowledging from the journal).</summary>
    public StoredHead Stored => _ingestion?.Stored ?? new StoredHead(_chain.LastSeq, _chain.LastHash);

    /// <summary>What ended the group-commit loop, when a defect did (every append fails from then on); null while it runs.</summary>
    public Exception? Fault { get; private set; }

    /// <summary>Records appended and not yet durable.</summary>
    public long Queued => Interlocked.Read(ref _queued);

    /// <summary>
    /// Completes with the record's seq in the chain when the record is durable (PostgreSQL or the journal, see
    /// <see cref="LedgerWriterOptions.AcknowledgeFromJournal"/>); faults
    /// when it could not be made so. The caller then reports what became of the response: <see cref="Delivered"/>,
    /// <see cref="Undelivered"/>, or <see cref="Settled"/> when the record already says the call is incomplete.
    /// </summary>
    public Task<long> AppendAsync(LedgerRecord record)
    {
        // Continuations run inline where the batch is released (see Release): one thread-pool hop per batch, not per call.
        var pending = new Pending(record);
        if (!_queue.Writer.TryWrite(pending))
        {
            return Task.FromException<long>(new InvalidOperationException(Fault is null ? "The ledger is shut down." : "The ledger's writer failed.", Fault));
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

    /// <summary>Stops taking records and stores every record already appended (the drain on shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
        await _stopping.CancelAsync();
        await _partitions;
        _journalThread?.Dispose();
        _stopping.Dispose();
        _delivery?.Close(_chain.LastSeq);
        _journal?.Dispose();
    }
}
