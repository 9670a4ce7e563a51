using DataGateway.Ledger.Delivery;
using DataGateway.Resilience;
using Microsoft.Extensions.Logging;

namespace DataGateway.Ledger;

// Delivery amendments: calls committed as complete whose responses did not go out whole, this writer's and dead gateways'.
public sealed partial class LedgerWriter
{
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
        // An amendment needs its record in PostgreSQL: acknowledging from the journal, one not copied yet waits.
        var storedThrough = Stored.Seq;
        var amendments = new List<(long Seq, Guid RequestId)>();
        var later = new List<(long Seq, Guid RequestId)>();
        while (_undelivered.TryDequeue(out var amendment))
        {
            (amendment.Seq <= storedThrough ? amendments : later).Add(amendment);
        }

        later.ForEach(_undelivered.Enqueue);
        if (amendments.Count == 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(_options.CommitTimeout);
            await _store.AmendUndeliveredAsync(amendments.Select(a => a.RequestId).ToList(), _chain.Id, _signer, timeout.Token);
        }
        catch (Exception ex) when (DatabaseFaults.IsDatabaseError(ex))
        {
            // Any database failure (this runs inside the group-commit loop, which must go on). Kept for the next
            // attempt; their seqs stay unsettled, so after a crash the next gateway finds them instead.
            amendments.ForEach(_undelivered.Enqueue);
            return;
        }

        foreach (var (seq, _) in amendments)
        {
            _delivery?.Settle(seq);
        }
    }

    [LoggerMessage(EventId = EventIds.UndeliveredAmended, Level = LogLevel.Warning, Message = "{Count} calls of gateways that stopped without finishing them were committed but never delivered: amended as undelivered")]
    private static partial void LogAmendedDead(ILogger logger, int count);
}
