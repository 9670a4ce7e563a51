using Polly;
using Polly.Retry;

namespace DataGateway.Resilience;

/// <summary>
/// The retry every database loop uses: exponential backoff with jitter, capped, on <see cref="DatabaseFaults"/>'s
/// rule. Jitter keeps a fleet of gateways that lost the same database from reconnecting in lockstep when it returns.
/// </summary>
public static class DatabaseRetry
{
    /// <summary>Adds the database retry to a pipeline.</summary>
    public static ResiliencePipelineBuilder AddDatabaseRetry(this ResiliencePipelineBuilder builder, DatabaseRetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return builder.AddRetry(new RetryStrategyOptions
        {
            Name = "database",
            ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } ex && options.ShouldRetry(ex, args.Context.CancellationToken)),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.FirstDelay,
            MaxDelay = options.MaxDelay,
            MaxRetryAttempts = options.MaxRetryAttempts,
            OnRetry = args =>
            {
                options.OnRetry?.Invoke(args.Outcome.Exception!, args.RetryDelay);
                return default;
            },
        });
    }

    /// <summary>A pipeline of the database retry alone, waiting on <paramref name="time"/>.</summary>
    public static ResiliencePipeline Create(DatabaseRetryOptions options, TimeProvider? time = null)
    {
        var builder = new ResiliencePipelineBuilder();
        if (time is not null)
        {
            builder.TimeProvider = time;
        }

        return builder.AddDatabaseRetry(options).Build();
    }
}
