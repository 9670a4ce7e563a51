using System.Text.Json;
using DataGateway.Common.Identity;
using DataGateway.Common.Problems;
using DataGateway.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Tests.Identity;

/// <summary>Keys from a JWKS URL served by a real HTTP server on loopback, and what happens when it goes away.</summary>
public sealed class JwksKeySourceTests : IAsyncLifetime, IDisposable
{
    private readonly TokenFactory _tokens = new();
    private readonly string _cache = Path.Combine(Directory.CreateTempSubdirectory("jwks-cache-").FullName, "jwks.json");
    private RecordingUpstream _issuer = null!;

    public async Task InitializeAsync()
    {
        _issuer = await RecordingUpstream.StartAsync();
        var jwk = JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(_tokens.EcKey));
        var jwks = JsonSerializer.Serialize(new { keys = new[] { new { kty = "EC", crv = jwk.Crv, x = jwk.X, y = jwk.Y, kid = _tokens.EcKid, use = "sig", alg = "ES256" } } });
        _issuer.Responder = context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(jwks);
        };
    }

    private IdentityOptions Options() => new()
    {
        Issuer = TokenFactory.Issuer,
        Audience = TokenFactory.Audience,
        JwksUrl = new Uri(_issuer.Address, "/.well-known/jwks.json").ToString(),
        JwksCachePath = _cache,
    };

    [Fact]
    public async Task Validate_KeyFromJwksUrl_IsFetchedOnFirstUse()
    {
        await using var validator = await IdentityHost.StartAsync(Options(), TimeProvider.System);

        var outcome = await validator.ValidateAsync("Bearer " + _tokens.Es256(), default);

        Assert.True(outcome.Succeeded, outcome.ErrorCode);
        Assert.Single(_issuer.Requests);
        Assert.True(File.Exists(_cache));
    }

    [Fact]
    public async Task Validate_JwksUrlDown_KeepsUsingTheKeysItHas()
    {
        await using var validator = await IdentityHost.StartAsync(Options(), TimeProvider.System);
        Assert.True((await validator.ValidateAsync("Bearer " + _tokens.Es256(), default)).Succeeded);

        await _issuer.DisposeAsync();
        // A different token, so its signature is verified again rather than found in the token cache.
        var outcome = await validator.ValidateAsync("Bearer " + _tokens.Es256(TokenFactory.Claims("op-mobility")), default);

        Assert.True(outcome.Succeeded, outcome.ErrorCode);
    }

    [Fact]
    public async Task Validate_RestartWhileJwksUrlDown_UsesTheCachedCopy()
    {
        await using var first = await IdentityHost.StartAsync(Options(), TimeProvider.System);
        Assert.True((await first.ValidateAsync("Bearer " + _tokens.Es256(), default)).Succeeded);
        await _issuer.DisposeAsync();

        await using var restarted = await IdentityHost.StartAsync(Options(), TimeProvider.System);
        var outcome = await restarted.ValidateAsync("Bearer " + _tokens.Es256(), default);

        Assert.True(outcome.Succeeded, outcome.ErrorCode);
    }

    [Fact]
    public async Task Validate_UnknownKid_RefreshesAtMostOnceInTenSeconds()
    {
        await using var validator = await IdentityHost.StartAsync(Options(), TimeProvider.System);

        for (var i = 0; i < 5; i++)
        {
            var outcome = await validator.ValidateAsync("Bearer " + _tokens.Es256(kid: "made-up-" + i), default);
            Assert.Equal(EdgeProblemCodes.TokenKeyUnknown, outcome.ErrorCode);
        }

        Assert.Single(_issuer.Requests);
    }

    public async Task DisposeAsync() => await _issuer.DisposeAsync();

    public void Dispose()
    {
        _tokens.Dispose();
        Directory.Delete(Path.GetDirectoryName(_cache)!, recursive: true);
    }
}
