using DataGateway.Common.Configuration;
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
    /// <summary>ASP.NET Core's switch (since 7.0) that stops it from making a lone scheme the default.</summary>
    private const string SuppressAutoDefaultScheme = "Microsoft.AspNetCore.Authentication.SuppressAutoDefaultScheme";

    public static IServiceCollection AddDataGatewayIdentity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<IdentityOptions>(configuration, IdentityOptions.Section);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient();
        services.AddSingleton<SigningKeyStore>();
        services.AddSingleton<CallerTokenHandler>();
        services.AddSingleton<CallerJwtBearerEvents>();
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, CallerJwtBearerSetup>();
        // No default scheme, not even the one ASP.NET Core infers when only one is registered: the UseAuthentication
        // it then adds to every pipeline by itself would run the handler on every request (health, metrics and the
        // data path alike); the caller is authenticated by UseCallerIdentity where a pipeline needs one.
        AppContext.SetSwitch(SuppressAutoDefaultScheme, true);
        services.AddAuthentication().AddJwtBearer();
        services.AddHostedService<JwksRefreshService>();
        return services;
    }

    /// <summary>Requires a valid bearer token for everything after it in the pipeline.</summary>
    public static IApplicationBuilder UseCallerIdentity(this IApplicationBuilder app) => app.UseMiddleware<CallerIdentityMiddleware>();
}
