using System.Collections.Concurrent;
using DataGateway.Common.Problems;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Identity;

/// <summary>
/// The token handler JwtBearer validates callers' tokens with: IdentityModel's <see cref="JsonWebTokenHandler"/> (the
/// signature, the algorithm allow-list, issuer, audience and lifetime, as the <see cref="TokenValidationParameters"/>
/// of <see cref="CallerJwtBearerSetup"/> say), plus the rules IdentityModel does not have, and a cache.
/// </summary>
/// <remarks>
/// What is added, and why it cannot be left to the library:
/// <list type="bullet">
/// <item>A header with <c>crit</c> is refused (RFC 7515 §4.1.11); IdentityModel ignores the member.</item>
/// <item>The algorithm is checked against the header before any key is looked up, so a token that says <c>none</c>
/// or <c>HS256</c> never reaches key resolution (the "HMAC keyed with the public key" confusion), and an unknown
/// <c>kid</c> is looked for again at the JWKS URL (rate-limited by <see cref="SigningKeyStore"/>) before the
/// synchronous key resolver runs: IdentityModel's resolver cannot wait for a fetch.</item>
/// <item>The platform's claims (<c>org</c>, <c>org_kind</c>, <c>district</c>) are part of validity, refused with
/// their own code, and so is a claims set IdentityModel is lenient about (<see cref="ClaimsShape"/>).</item>
/// <item>A validated token is remembered until it expires, so a caller's signature is verified once rather than on
/// every call: JwtBearer validates every request from scratch, and an ES256 verification is a measurable share of a
/// proxied call.</item>
/// </list>
/// </remarks>
internal sealed class CallerTokenHandler : JsonWebTokenHandler
{
    /// <summary>The only algorithms a caller's token may be signed with.</summary>
    public static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    private readonly IdentityOptions _options;
    private readonly SigningKeyStore _keys;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, CachedToken> _cache = new(StringComparer.Ordinal);
    private long _signatureValidations;

    public CallerTokenHandler(IOptions<IdentityOptions> options, SigningKeyStore keys, TimeProvider time)
    {
        _options = options.Value;
        _keys = keys;
        _time = time;
        MapInboundClaims = false;
    }

    /// <summary>How many signatures were verified; lets tests see that the cache spares the work.</summary>
    internal long SignatureValidations => Interlocked.Read(ref _signatureValidations);

    /// <summary>The caller of a token this handler validated and that is still valid, without any other work.</summary>
    public bool TryGetCached(string token, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out CallerClaimsIdentity? identity)
    {
        if (_cache.TryGetValue(token, out var cached) && _time.GetUtcNow() < cached.ValidUntil)
        {
            identity = (CallerClaimsIdentity)cached.Result.ClaimsIdentity;
            return true;
        }

        identity = null;
        return false;
    }

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = _time.GetUtcNow();
        if (_cache.TryGetValue(token, out var cached))
        {
            if (now < cached.ValidUntil)
            {
                return cached.Result;
            }

            _cache.TryRemove(token, out _);
        }

        try
        {
            await CheckBeforeSignatureAsync(token);
            Interlocked.Increment(ref _signatureValidations);
            var result = await base.ValidateTokenAsync(token, validationParameters);
            if (!result.IsValid)
            {
                return result;
            }

            var jwt = (JsonWebToken)result.SecurityToken;
            if (ClaimsShape.Problem(jwt.EncodedPayload) is { } shape)
            {
                throw new CallerTokenException(EdgeProblemCodes.TokenClaimsInvalid, shape);
            }

            var validated = new TokenValidationResult
            {
                IsValid = true,
                SecurityToken = jwt,
                Issuer = result.Issuer,
                TokenType = result.TokenType,
                ClaimsIdentity = new CallerClaimsIdentity(CallerClaims.Read(jwt), result.ClaimsIdentity),
            };
            if (_options.TokenCacheSize > 0)
            {
                // The lifetime rule passed, so exp is there; the entry lives as long as the token is valid.
                Remember(token, new CachedToken(validated, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero) + _options.ClockSkew), now);
            }

            return validated;
        }
        catch (CallerTokenException refused)
        {
            return new TokenValidationResult { IsValid = false, Exception = refused };
        }
    }

    private async Task CheckBeforeSignatureAsync(string token)
    {
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException or FormatException)
        {
            throw new CallerTokenException(EdgeProblemCodes.TokenMalformed, "The token is not a well-formed JWT.");
        }

        if (JoseHeader.HasCritical(jwt.EncodedHeader))
        {
            throw new CallerTokenException(EdgeProblemCodes.TokenCriticalHeaderUnsupported,
                "The token's header lists critical extensions (crit); none is supported, so the token is refused.");
        }

        // A consent is signed by another issuer with other keys, so it would fail below anyway; refused by its kind
        // first, so that a deployment whose consent issuer shares the identity provider's key cannot be fooled either.
        if (string.Equals(jwt.Typ, Consent.ConsentToken.Type, StringComparison.OrdinalIgnoreCase))
        {
            throw new CallerTokenException(EdgeProblemCodes.TokenTypeInvalid, "The token is a consent (dg-consent+jwt), not a caller token.");
        }

        if (!AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            throw new CallerTokenException(EdgeProblemCodes.TokenAlgorithmNotAllowed, "Tokens must be signed with RS256 or ES256.");
        }

        // No request's cancellation reaches a token handler; the store's own fetch timeout bounds the wait.
        if (string.IsNullOrEmpty(jwt.Kid) || await _keys.FindOrRefreshAsync(jwt.Kid, CancellationToken.None) is null)
        {
            throw new CallerTokenException(EdgeProblemCodes.TokenKeyUnknown, "The token's key id (kid) is not one of the trusted signing keys.");
        }
    }

    private void Remember(string token, CachedToken entry, DateTimeOffset now)
    {
        if (_cache.Count >= _options.TokenCacheSize)
        {
            foreach (var (key, existing) in _cache)
            {
                if (existing.ValidUntil <= now)
                {
                    _cache.TryRemove(key, out _);
                }
            }

            if (_cache.Count >= _options.TokenCacheSize)
            {
                // Still full of live tokens: start over rather than grow without bound; they validate again once.
                _cache.Clear();
            }
        }

        _cache[token] = entry;
    }

    private sealed record CachedToken(TokenValidationResult Result, DateTimeOffset ValidUntil);
}
