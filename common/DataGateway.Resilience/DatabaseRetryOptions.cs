namespace DataGateway.Resilience;

/// <summary>How a <see cref="DatabaseRetry"/> pipeline waits between attempts, and what it retries.</summary>
public sealed class DatabaseRetryOptions
{
    /// <summary>The wait after the first failure; each later wait doubles it (with jitter) up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest wait between two attempts: how long after the database is back the retry notices at most.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts after the first; by default until it succeeds or the caller cancels.</summary>
    public int MaxRetryAttempts { get; init; } = int.MaxValue;

    /// <summary>What is retried; <see cref="DatabaseFaults.IsTransient"/> unless a caller knows better.</summary>
    public Func<Exception, CancellationToken, bool> ShouldRetry { get; init; } = DatabaseFaults.IsTransient;

    /// <summary>Called before each wait with the failure and the wait (for a log line).</summary>
    public Action<Exception, TimeSpan>? OnRetry { get; init; }
}
