using DataGateway.Gateway.Observability;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using DataGateway.Policy.Opa;
using Microsoft.Extensions.Options;

namespace DataGateway.Gateway.Enforcement;

/// <summary>
/// The gateway's side of OPA: the client when <c>DataGateway:Policy:Opa:Url</c> is set, else nothing. The decision
/// stages ask <see cref="Policy"/> only after the built-in engine allowed; when it is null they skip it with one null
/// check, so a gateway without OPA pays no allocation and no await for it.
/// </summary>
internal sealed partial class ExternalPolicyGate : IDisposable
{
    private readonly OpaClient? _client;
    private readonly ILogger<ExternalPolicyGate> _logger;

    public ExternalPolicyGate(IOptions<OpaOptions> options, TimeProvider time, ILogger<ExternalPolicyGate> logger)
    {
        _logger = logger;
        var opa = options.Value;
        if (opa.Enabled)
        {
            _client = new OpaClient(opa, time);
            LogOn(opa.Url!, opa.Path, opa.Timeout.TotalMilliseconds, opa.CacheTtl.TotalSeconds);
        }
    }

    /// <summary>The external policy, or null when none is configured.</summary>
    public IExternalPolicy? Policy => _client;

    /// <summary>Asks the external policy about a call <paramref name="builtIn"/> allowed; logs why when it gave no answer.</summary>
    public async ValueTask<ExternalDecision> DecideAsync(
        IExternalPolicy policy, CatalogSnapshot snapshot, AccessRequest request, Decision builtIn, HttpContext context, Guid decisionId)
    {
        var external = await policy.DecideAsync(snapshot, request, builtIn, context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        if (!external.Decision.Allowed && external.Verdict is null)
        {
            LogFailed(context.TraceIdentifier, decisionId, request.DatasetCode, external.Decision.ReasonCode, external.Decision.Detail ?? "");
        }

        return external;
    }

    /// <summary>Whether <paramref name="reasonCode"/> is OPA failing to answer (503: ask again) rather than denying (403).</summary>
    public static bool IsFailure(string reasonCode) => reasonCode is ReasonCodes.ExternalPolicyTimeout
        or ReasonCodes.ExternalPolicyUnreachable or ReasonCodes.ExternalPolicyStatus
        or ReasonCodes.ExternalPolicyMalformed or ReasonCodes.ExternalPolicyUndefined;

    public void Dispose() => _client?.Dispose();

    [LoggerMessage(EventId = EventIds.ExternalPolicyOn, Level = LogLevel.Information, Message = "OPA is asked after the built-in engine: {Url} {Path}, timeout {TimeoutMs} ms, cache {CacheSeconds} s")]
    private partial void LogOn(Uri url, string path, double timeoutMs, double cacheSeconds);

    [LoggerMessage(EventId = EventIds.ExternalPolicyFailed, Level = LogLevel.Warning, Message = "Call {RequestId} on {Dataset} refused by decision {DecisionId}: OPA gave no usable answer ({Reason}: {Why})")]
    private partial void LogFailed(string requestId, Guid decisionId, string dataset, string reason, string why);
}
