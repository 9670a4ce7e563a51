using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Common.Identity;
using DataGateway.Policy.Decisions;
using DataGateway.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DataGateway.Common.Tests.Identity;

/// <summary>
/// A real host on a loopback port with the platform's identity wiring (JwtBearer with the platform's token handler,
/// events and middleware) in front of an endpoint that echoes the caller: each check sends a real request and reads
/// the real 401 problem+json, as a client would.
/// </summary>
/// <remarks>
/// The JWKS refresher does not run, so what a test sees of the JWKS URL is only what a token asks for.
/// </remarks>
internal sealed class IdentityHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _client;

    private IdentityHost(WebApplication app, Uri address)
    {
        _app = app;
        _client = new HttpClient { BaseAddress = address };
    }

    /// <summary>How many signatures the host's token handler verified.</summary>
    public long SignatureValidations => _app.Services.GetRequiredService<CallerTokenHandler>().SignatureValidations;

    public static async Task<IdentityHost> StartAsync(IdentityOptions options, TimeProvider time)
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Configuration.AddInMemoryCollection(Settings(options));
        builder.Services.AddSingleton(time);
        builder.Services.AddDataGatewayIdentity(builder.Configuration);
        foreach (var refresher in builder.Services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(JwksRefreshService)).ToList())
        {
            builder.Services.Remove(refresher);
        }

        var app = builder.Build();
        app.UseCallerIdentity();
        app.Run(context =>
        {
            var caller = context.Features.Get<ICallerFeature>()!.Caller;
            return context.Response.WriteAsJsonAsync(new CallerEcho(caller.OrganizationId, caller.Kind, caller.DistrictCode));
        });
        await app.StartAsync();
        return new IdentityHost(app, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Sends a request with the <c>Authorization</c> header as given (none when null), and reads the answer.</summary>
    public async Task<IdentityOutcome> ValidateAsync(string? authorization, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await _client.SendAsync(request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            var echo = await response.Content.ReadFromJsonAsync<CallerEcho>(cancellationToken);
            return new IdentityOutcome(new CallerIdentity(echo!.Organization, echo.Kind, echo.District), null, response);
        }

        Assert.Equal(StatusCodes.Status401Unauthorized, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return new IdentityOutcome(null, problem.RootElement.GetProperty("code").GetString(), response);
    }

    private static Dictionary<string, string?> Settings(IdentityOptions options)
    {
        var section = IdentityOptions.Section + ":";
        var settings = new Dictionary<string, string?>
        {
            [section + nameof(IdentityOptions.Issuer)] = options.Issuer,
            [section + nameof(IdentityOptions.Audience)] = options.Audience,
            [section + nameof(IdentityOptions.ClockSkew)] = options.ClockSkew.ToString("c"),
            [section + nameof(IdentityOptions.JwksUrl)] = options.JwksUrl,
            [section + nameof(IdentityOptions.JwksCachePath)] = options.JwksCachePath,
            [section + nameof(IdentityOptions.TokenCacheSize)] = options.TokenCacheSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        for (var i = 0; i < options.SigningKeyFiles.Count; i++)
        {
            settings[section + nameof(IdentityOptions.SigningKeyFiles) + ":" + i] = options.SigningKeyFiles[i];
        }

        return settings;
    }

    public async ValueTask DisposeAsync()
    {
        _client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed record CallerEcho(string Organization, Policy.Model.OrganizationKind Kind, string? District);
}
