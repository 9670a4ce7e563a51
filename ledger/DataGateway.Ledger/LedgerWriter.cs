using System.Threading.Channels;

namespace DataGateway.Ledger;

/// <summary>
/// Group commit: calls append their record and wait; one loop seals whatever has queued into the chain and writes it
/// as one batch, then releases every waiter of that batch at once. No call makes a database round trip of its own,
/// and a call's record is durable when its wait ends.
/// </summary>
/// <remarks>
/// While PostgreSQL is unreachable the batch is retried (records keep their seal, and the insert is idempotent, so a
/// retry after an unclear failure cannot double them); the local journal that lets calls complete during an outage
/// is the next step (issue 5).
/// </remarks>
public sealed class LedgerWriter : IAsyncDisposable
{
    private readonly LedgerStore _store;
    private readonly LedgerChain _chain;
    private readonly int _maxBatch;
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _loop;

    public LedgerWriter(LedgerStore store, LedgerChain chain, int maxBatch = 10_000)
    {
        _store = store;
        _chain = chain;
        _maxBatch = maxBatch;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Batches committed so far, and the records in them (for metrics and tests).</summary>
    public long Batches { get; private set; }

    public long Committed { get; private set; }

    /// <summary>Completes when the record is committed to PostgreSQL.</summary>
    public Task AppendAsync(LedgerRecord record)
    {
        var pending = new Pending(record, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        return _queue.Writer.TryWrite(pending)
            ? pending.Done.Task
            : Task.FromException(new InvalidOperationException("The ledger is shut down."));
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        var sealedRecords = new List<LedgerRecord>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            sealedRecords.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                sealedRecords.Add(_chain.Seal(pending.Record));
            }

            try
            {
                await WriteUntilStoredAsync(sealedRecords);
            }
            catch (Exception ex)
            {
                // Not a passing outage: the calls must learn that their records were not stored.
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(ex);
                }

                continue;
            }

            Batches++;
            Committed += batch.Count;
            foreach (var pending in batch)
            {
                pending.Done.TrySetResult();
            }
        }
    }

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
            catch (Exception ex) when (ex is Npgsql.NpgsqlException { IsTransient: true } or TimeoutException or IOException)
            {
                await Task.Delay(delay);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 2000));
            }
        }
    }

    /// <summary>Stops taking records and writes every record already appended (the drain on shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop;
    }

    private sealed record Pending(LedgerRecord Record, TaskCompletionSource Done);
}
