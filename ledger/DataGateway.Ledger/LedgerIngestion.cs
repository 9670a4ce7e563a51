using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace DataGateway.Ledger;

/// <summary>
/// The other half of acknowledging from the journal (<see cref="LedgerWriterOptions.AcknowledgeFromJournal"/>): copies
/// the batches the writer has already fsync'd to the journal into PostgreSQL, behind the calls they released, and
/// says how far PostgreSQL holds the chain. Whatever has queued goes in one COPY, so under load PostgreSQL sees fewer,
/// larger batches than the calls' group commits.
/// </summary>
/// <remarks>
/// A database failure stops it (<see cref="Failed"/>): the writer then treats every record not yet stored as journal
/// backlog, drains the files itself as in any outage, and <see cref="Resume"/>s it from the chain's head. Batches
/// handed over before the writer noticed belong to the old generation and are skipped: the drain stores them.
/// </remarks>
internal sealed partial class LedgerIngestion
{
    private readonly Channel<Batch> _batches = Channel.CreateUnbounded<Batch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
    private readonly LedgerStore _store;
    private readonly LedgerWriterOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly Task _loop;
    private StoredHead _stored;
    private int _generation;
    private volatile bool _failed;
    private long _queued;
    private TaskCompletionSource _failure = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public LedgerIngestion(LedgerStore store, StoredHead stored, LedgerWriterOptions options, TimeProvider time, ILogger logger)
    {
        _time = time;
        _store = store;
        _stored = stored;
        _options = options;
        _logger = logger;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>The last record of the chain PostgreSQL holds, with every record before it.</summary>
    public StoredHead Stored => Volatile.Read(ref _stored);

    /// <summary>PostgreSQL failed a copy; nothing more is copied until <see cref="Resume"/>.</summary>
    public bool Failed => _failed;

    /// <summary>Completes when <see cref="Failed"/> becomes true (wakes the writer's loop while it waits for calls).</summary>
    public Task Failure => Volatile.Read(ref _failure).Task;

    /// <summary>
    /// Hands over a batch fsync'd to the journal; <paramref name="alreadyStored"/> when it went to PostgreSQL directly.
    /// When PostgreSQL falls more than <see cref="LedgerWriterOptions.MaxIngestBacklog"/> records behind (it answers,
    /// but too slowly), the ingestion gives up as on a failure: the records are in the journal, and memory is not where
    /// an outage's backlog waits.
    /// </summary>
    public void Enqueue(LedgerRecord[] records, bool alreadyStored = false)
    {
        if (Interlocked.Add(ref _queued, records.Length) > _options.MaxIngestBacklog && !_failed)
        {
            Fail($"PostgreSQL is more than {_options.MaxIngestBacklog} records behind", _queued);
        }

        _batches.Writer.TryWrite(new Batch(Volatile.Read(ref _generation), records, alreadyStored));
    }

    /// <summary>The writer has drained the journal itself: PostgreSQL holds the chain through <paramref name="head"/>.</summary>
    public void Resume(StoredHead head)
    {
        Interlocked.Increment(ref _generation);
        Volatile.Write(ref _stored, head);
        Volatile.Write(ref _failure, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        _failed = false;
    }

    /// <summary>Copies what is queued, then stops.</summary>
    public Task CompleteAsync()
    {
        _batches.Writer.TryComplete();
        return _loop;
    }

    private async Task RunAsync()
    {
        var records = new List<LedgerRecord>();
        while (await _batches.Reader.WaitToReadAsync())
        {
            // Gathering: the calls are released already, and one COPY of many batches costs PostgreSQL about what one
            // of a single batch does.
            await Task.Delay(_options.IngestInterval, _time);
            records.Clear();
            LedgerRecord? last = null;
            while (records.Count < _options.MaxBatch && _batches.Reader.TryRead(out var batch))
            {
                Interlocked.Add(ref _queued, -batch.Records.Length);
                if (_failed || batch.Generation != Volatile.Read(ref _generation))
                {
                    continue;
                }

                last = batch.Records[^1];
                if (!batch.AlreadyStored)
                {
                    records.AddRange(batch.Records);
                }
            }

            if (last is null)
            {
                continue;
            }

            try
            {
                if (records.Count > 0)
                {
                    using var timeout = new CancellationTokenSource(_options.CommitTimeout);
                    await _store.WriteAsync(records, timeout.Token, timed: true);
                }

                Volatile.Write(ref _stored, new StoredHead(last.Seq, last.Hash));
            }
            catch (Exception ex)
            {
                // Any failure, not only the database's: the records are safe in the journal and the writer's drain is
                // the path every outage takes; a loop that died here would leave them unstored, and nobody would know.
                Fail(ex.Message, records.Count);
            }
        }
    }

    private void Fail(string reason, long records)
    {
        LogFailed(_logger, reason, records);
        _failed = true;
        Volatile.Read(ref _failure).TrySetResult();
    }

    private sealed record Batch(int Generation, LedgerRecord[] Records, bool AlreadyStored);

    [LoggerMessage(EventId = EventIds.IngestionFailed, Level = LogLevel.Warning, Message = "PostgreSQL did not take {Count} journaled ledger records ({Reason}); they wait in the journal, drained like an outage's")]
    private static partial void LogFailed(ILogger logger, string reason, long count);
}

/// <summary>Where a chain's stored part ends: the seq and hash of its last record (0 and the genesis hash for none).</summary>
public sealed record StoredHead(long Seq, byte[] Hash);
