using DataGateway.Common.Configuration;
using DataGateway.Common.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DataGateway.Common.Consent;

/// <summary>Wires the consent issuer's settings (checked at start), its validator and its keys' JWKS refresher into a host.</summary>
public static class ConsentServiceExtensions
{
    public static IServiceCollection AddDataGatewayConsent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<ConsentOptions>(configuration, ConsentOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.AddSingleton<ConsentValidator>();
        // The identity provider's refresher, over the consent issuer's own key store; it does nothing without a JWKS URL.
        services.AddHostedService(sp =>
        {
            var validator = sp.GetRequiredService<ConsentValidator>();
            var keyOptions = sp.GetRequiredService<IOptions<ConsentOptions>>().Value.AsKeyOptions();
            if (validator.Keys is null)
            {
                keyOptions.JwksUrl = null;
            }

            return new JwksRefreshService(validator.Keys ?? NoKeys(sp), Options.Create(keyOptions), sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }

    private static SigningKeyStore NoKeys(IServiceProvider sp) => new(
        Options.Create(new IdentityOptions()),
        sp.GetRequiredService<IHttpClientFactory>(),
        sp.GetRequiredService<TimeProvider>(),
        sp.GetRequiredService<ILoggerFactory>().CreateLogger<SigningKeyStore>());
}
