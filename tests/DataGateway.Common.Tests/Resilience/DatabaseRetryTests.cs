using DataGateway.Resilience;
using Npgsql;

namespace DataGateway.Common.Tests.Resilience;

/// <summary>
/// Issue 13, point 4: the retry every database loop uses (Polly): it retries what <see cref="DatabaseFaults"/> calls an
/// outage until it succeeds, fails a refusal at once, waits with jitter, growing up to its cap, and stops when the
/// caller does. Its waits are read from a clock that fires at once, so nothing here depends on the machine's speed.
/// </summary>
public sealed class DatabaseRetryTests
{
    private static readonly DatabaseRetryOptions Options = new() { FirstDelay = TimeSpan.FromMilliseconds(50), MaxDelay = TimeSpan.FromSeconds(2) };

    [Fact]
    public async Task Retry_OutageThenAnswer_TriesAgainUntilItAnswers()
    {
        var time = new InstantTimeProvider();
        var attempts = 0;
        var answer = await DatabaseRetry.Create(Options, time).ExecuteAsync(_ =>
            ++attempts < 5 ? throw new PostgresException("starting up", "FATAL", "FATAL", "57P03") : ValueTask.FromResult(42));

        Assert.Equal(42, answer);
        Assert.Equal(5, attempts);
        Assert.Equal(4, time.Waits.Count);
    }

    [Fact]
    public async Task Retry_Refusal_FailsAtOnceWithoutWaiting()
    {
        var time = new InstantTimeProvider();
        var attempts = 0;
        var refused = await Assert.ThrowsAsync<PostgresException>(async () => await DatabaseRetry.Create(Options, time).ExecuteAsync(_ =>
        {
            attempts++;
            throw new PostgresException("relation does not exist", "ERROR", "ERROR", "42P01");
        }));

        Assert.Equal("42P01", refused.SqlState);
        Assert.Equal(1, attempts);
        Assert.Empty(time.Waits);
    }

    [Fact]
    public async Task Retry_LongOutage_WaitsGrowWithJitterAndNeverPassTheCap()
    {
        var time = new InstantTimeProvider();
        var attempts = 0;
        await DatabaseRetry.Create(Options, time).ExecuteAsync(_ =>
            ++attempts <= 40 ? throw new NpgsqlException("Failed to connect", new System.Net.Sockets.SocketException(111)) : ValueTask.CompletedTask);

        var waits = time.Waits;
        Assert.Equal(40, waits.Count);
        Assert.All(waits, w => Assert.InRange(w, TimeSpan.FromTicks(1), Options.MaxDelay));
        Assert.True(waits.Distinct().Count() > 1, "Jitter: the waits are not all the same.");
        Assert.True(waits.Max() > 4 * Options.FirstDelay, $"The waits grow: the longest was {waits.Max()}.");
    }

    [Fact]
    public async Task Retry_CallerStops_NoFurtherAttempt()
    {
        using var stop = new CancellationTokenSource();
        var attempts = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await DatabaseRetry.Create(Options, new InstantTimeProvider()).ExecuteAsync(
            token =>
            {
                attempts++;
                stop.Cancel();
                token.ThrowIfCancellationRequested();
                return ValueTask.CompletedTask;
            },
            stop.Token));

        Assert.Equal(1, attempts);
    }

    [Fact]
    public async Task Retry_OwnRule_RetriesWhatTheCallerChose()
    {
        var attempts = 0;
        var options = new DatabaseRetryOptions { ShouldRetry = DatabaseFaults.IsDatabaseError, MaxRetryAttempts = 3 };
        await Assert.ThrowsAsync<PostgresException>(async () => await DatabaseRetry.Create(options, new InstantTimeProvider()).ExecuteAsync(_ =>
        {
            attempts++;
            throw new PostgresException("relation does not exist", "ERROR", "ERROR", "42P01");
        }));

        Assert.Equal(4, attempts);
    }
}
