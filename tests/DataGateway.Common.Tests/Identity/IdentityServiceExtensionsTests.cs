using System.Reflection;
using DataGateway.Common.Identity;
using DataGateway.Common.Problems;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Tests.Identity;

/// <summary>
/// The services authenticate through ASP.NET Core's JwtBearer handler, configured from the platform's identity
/// options, with one Microsoft.IdentityModel version in the process.
/// </summary>
public sealed class IdentityServiceExtensionsTests : IAsyncLifetime, IDisposable
{
    private readonly TokenFactory _tokens = new();
    private readonly string _directory = Directory.CreateTempSubdirectory("identity-wiring-").FullName;
    private IdentityOptions _options = null!;
    private ServiceProvider _services = null!;

    public Task InitializeAsync()
    {
        var ecFile = Path.Combine(_directory, "ec.pub.pem");
        File.WriteAllText(ecFile, _tokens.EcKey.ExportSubjectPublicKeyInfoPem());
        _options = new IdentityOptions { Issuer = TokenFactory.Issuer, Audience = TokenFactory.Audience, SigningKeyFiles = [ecFile], ClockSkew = TimeSpan.FromSeconds(45) };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            [IdentityOptions.Section + ":Issuer"] = _options.Issuer,
            [IdentityOptions.Section + ":Audience"] = _options.Audience,
            [IdentityOptions.Section + ":ClockSkew"] = "00:00:45",
            [IdentityOptions.Section + ":SigningKeyFiles:0"] = ecFile,
        }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddDataGatewayIdentity(configuration);
        _services = services.BuildServiceProvider();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task AddDataGatewayIdentity_TheBearerScheme_IsJwtBearer()
    {
        var scheme = await _services.GetRequiredService<IAuthenticationSchemeProvider>().GetSchemeAsync(JwtBearerDefaults.AuthenticationScheme);

        Assert.NotNull(scheme);
        Assert.Equal(typeof(JwtBearerHandler), scheme.HandlerType);
    }

    /// <summary>
    /// No default scheme: the UseAuthentication ASP.NET Core adds by itself would otherwise run JwtBearer on every
    /// request, also where no caller is needed.
    /// </summary>
    [Fact]
    public async Task AddDataGatewayIdentity_DefaultScheme_IsNone()
    {
        Assert.Null(await _services.GetRequiredService<IAuthenticationSchemeProvider>().GetDefaultAuthenticateSchemeAsync());
    }

    [Fact]
    public void AddDataGatewayIdentity_JwtBearerOptions_CarryTheIdentityRules()
    {
        var options = _services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        var parameters = options.TokenValidationParameters;

        Assert.IsType<CallerTokenHandler>(Assert.Single(options.TokenHandlers));
        Assert.Equal(typeof(CallerJwtBearerEvents), options.EventsType);
        Assert.Equal(TokenFactory.Issuer, parameters.ValidIssuer);
        Assert.Equal(TokenFactory.Audience, parameters.ValidAudience);
        Assert.Equal([SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256], parameters.ValidAlgorithms);
        Assert.Equal(TimeSpan.FromSeconds(45), parameters.ClockSkew);
        Assert.True(parameters.RequireSignedTokens);
        Assert.True(parameters.RequireExpirationTime);
        Assert.True(parameters.ValidateLifetime);
        Assert.False(parameters.TryAllIssuerSigningKeys);
    }

    /// <summary>
    /// JwtBearer alone resolves Microsoft.IdentityModel 8.19.2, and assemblies of two versions of the family in one
    /// process break at run time; Directory.Packages.props pins every one to 8.23.0.
    /// </summary>
    [Fact]
    public async Task IdentityModel_EveryAssemblyInTheProcess_Is8_23_0()
    {
        await using var host = await IdentityHost.StartAsync(_options, TimeProvider.System);
        Assert.True((await host.ValidateAsync("Bearer " + _tokens.Es256(), default)).Succeeded);

        var family = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name is { } name && (name.StartsWith("Microsoft.IdentityModel.", StringComparison.Ordinal) || name == "System.IdentityModel.Tokens.Jwt"))
            .ToDictionary(a => a.GetName().Name!, a => a.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]);

        Assert.Contains("Microsoft.IdentityModel.Tokens", family.Keys);
        Assert.Contains("Microsoft.IdentityModel.JsonWebTokens", family.Keys);
        Assert.All(family, assembly => Assert.Equal("8.23.0", assembly.Value));
    }

    /// <summary>
    /// ASP.NET Core runs its own UseAuthentication before the platform's middleware; the token is still validated
    /// once per request (the cache is off here, so a second validation would show).
    /// </summary>
    [Fact]
    public async Task Authenticate_OneRequest_ValidatesTheTokenOnce()
    {
        _options.TokenCacheSize = 0;
        await using var host = await IdentityHost.StartAsync(_options, TimeProvider.System);

        Assert.True((await host.ValidateAsync("Bearer " + _tokens.Es256(), default)).Succeeded);

        Assert.Equal(1, host.SignatureValidations);
    }

    [Fact]
    public async Task Challenge_RefusedToken_IsProblemJsonWithTheRfc6750Challenge()
    {
        await using var host = await IdentityHost.StartAsync(_options, TimeProvider.System);

        var missing = await host.ValidateAsync(null, default);
        var expired = await host.ValidateAsync("Bearer " + _tokens.Es256(expires: DateTime.UtcNow.AddMinutes(-5), notBefore: DateTime.UtcNow.AddMinutes(-10)), default);

        Assert.Equal(EdgeProblemCodes.TokenMissing, missing.ErrorCode);
        Assert.Equal("Bearer", missing.Response.Headers.WwwAuthenticate.ToString());
        Assert.Equal(EdgeProblemCodes.TokenExpired, expired.ErrorCode);
        Assert.Equal("Bearer error=\"invalid_token\"", expired.Response.Headers.WwwAuthenticate.ToString());
    }

    public async Task DisposeAsync() => await _services.DisposeAsync();

    public void Dispose()
    {
        _tokens.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
