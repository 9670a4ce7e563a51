using DataGateway.Gateway.Enforcement;
using DataGateway.Gateway.Metering;
using Microsoft.AspNetCore.Http.Features;

namespace DataGateway.Gateway.Forwarding;

/// <summary>
/// Applies the data service's timeout to the call: the upstream has that long to start answering. YARP only knows
/// timeouts per cluster, and all services share one cluster, so the call's abort token is swapped for one that also
/// fires at the service's timeout; <see cref="ForwarderErrorMiddleware"/> then answers 504.
/// </summary>
internal sealed class UpstreamTimeoutMiddleware(RequestDelegate next)
{
    public async Task Invoke(HttpContext context)
    {
        var service = context.Features.GetRequiredFeature<IDecisionFeature>().Service;
        var callerAborted = context.RequestAborted;
        using var timeout = new UpstreamTimeout(callerAborted, service.Timeout);
        context.Features.Set<IUpstreamTimeoutFeature>(timeout);
        context.RequestAborted = timeout.Token;
        context.Features.Get<CallRecord>()?.UpstreamStarting();
        try
        {
            await next(context);
        }
        finally
        {
            context.RequestAborted = callerAborted;
        }
    }
}

/// <summary>The call's upstream timeout: stopped once the upstream answers, so a long body is not cut off.</summary>
public interface IUpstreamTimeoutFeature
{
    /// <summary>True when the timeout, not the caller, ended the call.</summary>
    bool TimedOut { get; }

    void Answered();
}

internal sealed class UpstreamTimeout : IUpstreamTimeoutFeature, IDisposable
{
    private readonly CancellationToken _callerAborted;
    private readonly CancellationTokenSource _source;

    public UpstreamTimeout(CancellationToken callerAborted, TimeSpan timeout)
    {
        _callerAborted = callerAborted;
        _source = CancellationTokenSource.CreateLinkedTokenSource(callerAborted);
        _source.CancelAfter(timeout);
    }

    public CancellationToken Token => _source.Token;

    public bool TimedOut => _source.IsCancellationRequested && !_callerAborted.IsCancellationRequested;

    public void Answered() => _source.CancelAfter(Timeout.InfiniteTimeSpan);

    public void Dispose() => _source.Dispose();
}
