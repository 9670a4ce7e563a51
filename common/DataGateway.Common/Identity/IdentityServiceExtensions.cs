using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DataGateway.Common.Identity;

/// <summary>Wires token validation into a host: options checked at start, key store, validator, JWKS refresher.</summary>
public static class IdentityServiceExtensions
{
    public static IServiceCollection AddDataGatewayIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<ITokenValidator, TokenValidator>();
        services.AddHostedService<JwksRefreshService>();
        return services;
    }

    /// <summary>Requires a valid bearer token for everything after it in the pipeline.</summary>
    public static IApplicationBuilder UseCallerIdentity(this IApplicationBuilder app) => app.UseMiddleware<CallerIdentityMiddleware>();
}
