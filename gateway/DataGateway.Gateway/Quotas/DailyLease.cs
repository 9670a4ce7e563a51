namespace DataGateway.Gateway.Quotas;

/// <summary>
/// The calls this replica holds of one grant's quota for one day. Taking a call is a lock-free decrement; only when
/// the lease runs dry does one caller (the others wait on <see cref="Refill"/>) ask PostgreSQL for the next block.
/// </summary>
internal sealed class DailyLease(string grantId, DateOnly day)
{
    private long _left;
    private long _lastTaken;

    public string GrantId { get; } = grantId;

    public DateOnly Day { get; } = day;

    public SemaphoreSlim Refill { get; } = new(1, 1);

    /// <summary>When PostgreSQL last said the quota is used up, and what the quota was then; null while calls are left.</summary>
    public (long At, long Quota)? Exhausted { get; set; }

    public long Left => Volatile.Read(ref _left);

    /// <summary>When a call was last taken (a <see cref="TimeProvider"/> timestamp).</summary>
    public long LastTaken => Volatile.Read(ref _lastTaken);

    public void Touch(long now) => Volatile.Write(ref _lastTaken, now);

    public bool TryTake()
    {
        while (true)
        {
            var left = Volatile.Read(ref _left);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _left, left - 1, left) == left)
            {
                return true;
            }
        }
    }

    public void Add(long calls) => Interlocked.Add(ref _left, calls);

    /// <summary>Empties the lease; returns what was left in it (to give back).</summary>
    public long TakeAll() => Interlocked.Exchange(ref _left, 0);
}
