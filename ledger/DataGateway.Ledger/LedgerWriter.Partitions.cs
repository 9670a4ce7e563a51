using DataGateway.Resilience;
using Microsoft.Extensions.Logging;

namespace DataGateway.Ledger;

// Partitions made ahead: at start and every PartitionInterval the writer makes sure this month's partition of
// ledger_records and the next months' exist. Beside the group-commit loop, not in it: making a partition may wait on
// another gateway's advisory lock, and a batch must never wait for that. A failure here costs nothing at once (the
// default partition takes any record), so it is logged and tried again at the next interval.
public sealed partial class LedgerWriter
{
    private readonly CancellationTokenSource _stopping = new();

    private async Task KeepPartitionsAsync()
    {
        using var timer = new PeriodicTimer(_options.PartitionInterval, _time);
        do
        {
            try
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
                timeout.CancelAfter(_options.CommitTimeout);
                var made = await _store.EnsurePartitionsAsync(_options.PartitionMonthsAhead, timeout.Token);
                if (made > 0)
                {
                    LogPartitionsMade(_logger, made);
                }
            }
            catch (Exception ex) when (DatabaseFaults.IsDatabaseError(ex) || ex is OperationCanceledException)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return;
                }

                LogPartitionsFailed(_logger, ex.Message);
            }
        }
        while (await WaitAsync(timer));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = EventIds.PartitionsMade, Level = LogLevel.Information, Message = "Ledger partitions made ahead: {Count}")]
    private static partial void LogPartitionsMade(ILogger logger, int count);

    [LoggerMessage(EventId = EventIds.PartitionsFailed, Level = LogLevel.Warning, Message = "Ledger partitions could not be made ahead ({Reason}); records go to the default partition until the next try")]
    private static partial void LogPartitionsFailed(ILogger logger, string reason);
}
