using System.Collections.Concurrent;
using DataGateway.Policy.Model;
using DataGateway.Resilience;
using Microsoft.Extensions.Options;
using DataGateway.Gateway.Observability;

namespace DataGateway.Gateway.Quotas;

/// <summary>
/// Holds every call on a grant with a daily quota to that quota, across replicas that share one PostgreSQL. A call
/// takes one from this replica's lease; a dry lease is refilled from PostgreSQL a block at a time (see
/// <see cref="QuotaOptions.MaxBlock"/>). PostgreSQL never leases more than the quota, so all replicas together never
/// let more through; a replica refuses only when its own lease is dry and PostgreSQL has none left, so what is left
/// then is at most what other replicas hold in their leases: a block each, and only while calls keep drawing on it
/// (a lease idle for <see cref="QuotaOptions.IdleReturn"/> goes back).
/// </summary>
/// <remarks>
/// A call counts when it is admitted (after the policy allows it, before it is forwarded), whatever the upstream
/// then answers: what a quota limits is how often a grantee may ask. When PostgreSQL cannot be reached and the lease
/// is dry, calls are refused (503 <c>quota_unavailable</c>) rather than let through unaccounted. Disposed after the
/// server has drained, it gives unused calls back.
/// </remarks>
internal sealed partial class QuotaGate : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string GrantId, DateOnly Day), DailyLease> _leases = new();
    private readonly QuotaStore _store;
    private readonly QuotaOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<QuotaGate> _logger;
    private readonly ITimer _idleSweep;

    public QuotaGate(QuotaStore store, IOptions<QuotaOptions> options, TimeProvider time, ILogger<QuotaGate> logger)
    {
        _store = store;
        _options = options.Value;
        _time = time;
        _logger = logger;
        var period = _options.IdleReturn / 3;
        _idleSweep = time.CreateTimer(_ => _ = ReturnIdleAsync(), null, period, period);
    }

    public async ValueTask<QuotaVerdict> TryTakeAsync(Grant? grant, CancellationToken cancellationToken)
    {
        if (grant?.DailyQuota is not { } quota)
        {
            return QuotaVerdict.Unlimited;
        }

        var now = _time.GetUtcNow();
        var day = QuotaDay.Of(now);
        var lease = _leases.GetOrAdd((grant.Id, day), static key => new DailyLease(key.GrantId, key.Day));
        lease.Touch(_time.GetTimestamp());
        if (lease.TryTake())
        {
            return QuotaVerdict.Taken;
        }

        await lease.Refill.WaitAsync(cancellationToken);
        try
        {
            if (lease.TryTake())
            {
                return QuotaVerdict.Taken;
            }

            // Used up: trusted for a moment, unless the grant's quota was raised since.
            if (lease.Exhausted is { } exhausted && exhausted.Quota >= quota && _time.GetElapsedTime(exhausted.At) < _options.ExhaustedRecheck)
            {
                return QuotaVerdict.Exceeded;
            }

            var block = Math.Clamp(quota / 20, 1, _options.MaxBlock);
            long granted;
            try
            {
                granted = await _store.LeaseAsync(grant.Id, day, quota, block, cancellationToken);
            }
            catch (Exception ex) when (DatabaseFaults.IsDatabaseError(ex, cancellationToken))
            {
                // Fail closed on any database failure, away or refusing: no lease, no call.
                LogLeaseFailed(_logger, ex, grant.Id);
                return QuotaVerdict.Unavailable;
            }

            ForgetEarlierDays(day);
            if (granted == 0)
            {
                lease.Exhausted = (_time.GetTimestamp(), quota);
                return QuotaVerdict.Exceeded;
            }

            lease.Exhausted = null;
            lease.Add(granted - 1);
            return QuotaVerdict.Taken;
        }
        finally
        {
            lease.Refill.Release();
        }
    }

    /// <summary>Seconds until the quota is renewed (midnight in Shanghai), for <c>Retry-After</c>.</summary>
    public long SecondsToRenewal() => QuotaDay.SecondsToMidnight(_time.GetUtcNow());

    /// <summary>Yesterday's leases are worth nothing today; nothing is given back for them.</summary>
    private void ForgetEarlierDays(DateOnly today)
    {
        foreach (var key in _leases.Keys)
        {
            if (key.Day < today)
            {
                _leases.TryRemove(key, out _);
            }
        }
    }

    /// <summary>Gives back what this replica leased and did not use, so the other replicas can have it.</summary>
    public async ValueTask DisposeAsync()
    {
        await _idleSweep.DisposeAsync();
        var today = QuotaDay.Of(_time.GetUtcNow());
        foreach (var lease in _leases.Values.Where(l => l.Day == today))
        {
            await ReturnAsync(lease);
        }
    }

    /// <summary>Gives back the leases of today that no call has drawn on for <see cref="QuotaOptions.IdleReturn"/>.</summary>
    private async Task ReturnIdleAsync()
    {
        var today = QuotaDay.Of(_time.GetUtcNow());
        foreach (var lease in _leases.Values)
        {
            if (lease.Day == today && lease.Left > 0 && _time.GetElapsedTime(lease.LastTaken) >= _options.IdleReturn)
            {
                await ReturnAsync(lease);
            }
        }
    }

    private async Task ReturnAsync(DailyLease lease)
    {
        // Taken out of the lease first: a call arriving meanwhile finds it empty and leases anew.
        var unused = lease.TakeAll();
        if (unused <= 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _store.ReturnAsync(lease.GrantId, lease.Day, unused, timeout.Token);
        }
        catch (Exception ex) when (DatabaseFaults.IsDatabaseError(ex))
        {
            // Best effort, from a timer or at shutdown: nothing to give back to; the calls stay leased until midnight.
            LogReturnFailed(_logger, ex, lease.GrantId, unused);
        }
    }

    [LoggerMessage(EventId = EventIds.QuotaLeaseUnavailable, Level = LogLevel.Warning, Message = "No quota lease for grant {GrantId}: PostgreSQL did not answer; its calls are refused until it does")]
    private static partial void LogLeaseFailed(ILogger logger, Exception ex, string grantId);

    [LoggerMessage(EventId = EventIds.QuotaReturnFailed, Level = LogLevel.Warning, Message = "Could not give back {Calls} unused calls of grant {GrantId}'s quota; they stay leased until midnight")]
    private static partial void LogReturnFailed(ILogger logger, Exception ex, string grantId, long calls);
}
