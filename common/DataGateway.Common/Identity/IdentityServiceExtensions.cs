using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DataGateway.Common.Identity;

/// <summary>
/// Wires token validation into a host: options checked at start, the key store and its JWKS refresher, and
/// ASP.NET Core's JwtBearer scheme validating with <see cref="CallerTokenHandler"/>.
/// </summary>
public static class IdentityServiceExtensions
{
    public static IServiceCollection AddDataGatewayIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<CallerTokenHandler>();
        services.AddSingleton<CallerJwtBearerEvents>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, CallerJwtBearerSetup>();
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddHostedService<JwksRefreshService>();
        return services;
    }

    /// <summary>Requires a valid bearer token for everything after it in the pipeline.</summary>
    public static IApplicationBuilder UseCallerIdentity(this IApplicationBuilder app) => app.UseMiddleware<CallerIdentityMiddleware>();
}
