using DataGateway.Policy.Opa;
using Microsoft.Extensions.Options;

namespace DataGateway.Catalog.Explain;

/// <summary>
/// The OPA server explain asks, when the catalog has one configured (<c>DataGateway:Policy:Opa</c>, the gateway's
/// keys): the same client as the gateway's, so explain hears what a call would hear. Null when none is configured.
/// </summary>
public sealed class ExplainPolicy : IDisposable
{
    private readonly OpaClient? _client;

    public ExplainPolicy(IOptions<OpaOptions> options, TimeProvider time)
    {
        var opa = options.Value;
        // No cache: an admin asking "why" wants OPA's answer now, not one from seconds ago.
        _client = opa.Enabled ? new OpaClient(new OpaOptions
        {
            Url = opa.Url,
            Path = opa.Path,
            Timeout = opa.Timeout,
            MaxRetries = opa.MaxRetries,
            RetryDelay = opa.RetryDelay,
            CacheTtl = TimeSpan.Zero,
        }, time) : null;
    }

    public IExternalPolicy? Policy => _client;

    public void Dispose() => _client?.Dispose();
}
