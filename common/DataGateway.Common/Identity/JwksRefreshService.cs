using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DataGateway.Common.Identity;

/// <summary>Keeps the JWKS URL's keys fresh: fetched at start, then every <see cref="IdentityOptions.JwksRefreshInterval"/>.</summary>
internal sealed class JwksRefreshService(SigningKeyStore keys, IOptions<IdentityOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.JwksUrl is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var loaded = await keys.RefreshAsync(stoppingToken);
            // Until the first success, retry soon; afterwards, at the configured pace.
            var wait = loaded ? options.Value.JwksRefreshInterval : TimeSpan.FromSeconds(5);
            await Task.Delay(wait, time, stoppingToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }
}
