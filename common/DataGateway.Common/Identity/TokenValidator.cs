using System.Collections.Concurrent;
using System.Text.Json;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Identity;

/// <summary>
/// Validates bearer tokens with Microsoft.IdentityModel: RS256 or ES256 only, the configured issuer and audience,
/// a lifetime within the clock skew, a known key. A token that validated is remembered until it expires, so a
/// caller's signature is verified once rather than on every call.
/// </summary>
/// <remarks>
/// The algorithm is checked against the header before any key is touched: a token that says <c>none</c> or
/// <c>HS256</c> never reaches signature validation, which closes the "HMAC keyed with the public key" confusion.
/// Lifetime is checked here rather than by IdentityModel so that it follows the injected <see cref="TimeProvider"/>.
/// </remarks>
internal sealed partial class TokenValidator(
    IOptions<IdentityOptions> options,
    SigningKeyStore keys,
    TimeProvider time,
    ILogger<TokenValidator> logger) : ITokenValidator
{
    private static readonly string[] AllowedAlgorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    private readonly IdentityOptions _options = options.Value;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly ConcurrentDictionary<string, CachedCaller> _cache = new(StringComparer.Ordinal);

    /// <summary>How many signatures were verified; lets tests see that the cache spares the work.</summary>
    internal long SignatureValidations;

    public async ValueTask<TokenValidationOutcome> ValidateAsync(string? authorizationHeader, CancellationToken cancellationToken)
    {
        if (authorizationHeader is null
            || !authorizationHeader.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            || authorizationHeader.Length <= 7)
        {
            return TokenValidationOutcome.Failure(IdentityErrorCodes.Missing, "Send a bearer token: Authorization: Bearer <JWT>.");
        }

        var token = authorizationHeader[7..].Trim();
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(token, out var cached))
        {
            if (now < cached.ValidUntil)
            {
                return TokenValidationOutcome.Success(cached.Caller);
            }

            _cache.TryRemove(token, out _);
        }

        var (outcome, validUntil) = await ValidateUncachedAsync(token, now, cancellationToken);
        if (outcome.Succeeded && _options.TokenCacheSize > 0)
        {
            Remember(token, new CachedCaller(outcome.Caller!, validUntil), now);
        }

        return outcome;
    }

    private async ValueTask<(TokenValidationOutcome Outcome, DateTimeOffset ValidUntil)> ValidateUncachedAsync(string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(token);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException or FormatException)
        {
            return (TokenValidationOutcome.Failure(IdentityErrorCodes.Malformed, "The token is not a well-formed JWT."), default);
        }

        if (HasCriticalHeader(jwt.EncodedHeader))
        {
            return (TokenValidationOutcome.Failure(IdentityErrorCodes.CriticalHeaderUnsupported,
                "The token's header lists critical extensions (crit); none is supported, so the token is refused."), default);
        }

        if (!AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return (TokenValidationOutcome.Failure(IdentityErrorCodes.AlgorithmNotAllowed, "Tokens must be signed with RS256 or ES256."), default);
        }

        if (string.IsNullOrEmpty(jwt.Kid) || await keys.FindOrRefreshAsync(jwt.Kid, cancellationToken) is not { } key)
        {
            return (TokenValidationOutcome.Failure(IdentityErrorCodes.KeyUnknown, "The token's key id (kid) is not one of the trusted signing keys."), default);
        }

        Interlocked.Increment(ref SignatureValidations);
        var result = await _handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidAudience = _options.Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = AllowedAlgorithms,
            RequireSignedTokens = true,
            ValidateLifetime = false,
            RequireExpirationTime = false,
            TryAllIssuerSigningKeys = false,
        });
        if (!result.IsValid)
        {
            LogRefused(logger, result.Exception?.GetType().Name ?? "unknown");
            return (Refusal(result.Exception), default);
        }

        if (!jwt.TryGetPayloadValue<long>("exp", out var exp))
        {
            return (TokenValidationOutcome.Failure(IdentityErrorCodes.Expired, "The token has no expiry (exp)."), default);
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
        if (now > expires + _options.ClockSkew)
        {
            return (TokenValidationOutcome.Failure(IdentityErrorCodes.Expired, "The token has expired."), default);
        }

        if (jwt.TryGetPayloadValue<long>("nbf", out var nbf) && now + _options.ClockSkew < DateTimeOffset.FromUnixTimeSeconds(nbf))
        {
            return (TokenValidationOutcome.Failure(IdentityErrorCodes.NotYetValid, "The token is not valid yet (nbf)."), default);
        }

        return (ReadCaller(jwt), expires + _options.ClockSkew);
    }

    /// <summary>
    /// Whether the protected header has a <c>crit</c> member, with any value. Read from the raw header rather than
    /// through IdentityModel's claim lookup, so an escaped name (<c>"\u0063rit"</c>) or a repeated member is seen too;
    /// a header that does not parse counts as having one (refused, never let through).
    /// </summary>
    private static bool HasCriticalHeader(string encodedHeader)
    {
        try
        {
            var reader = new Utf8JsonReader(Base64UrlEncoder.DecodeBytes(encodedHeader));
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return true;
            }

            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1 && reader.ValueTextEquals("crit"u8))
                {
                    return true;
                }

                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    reader.Skip();
                }
            }

            return false;
        }
        catch (Exception ex) when (ex is JsonException or FormatException or ArgumentException)
        {
            return true;
        }
    }

    private static TokenValidationOutcome ReadCaller(JsonWebToken jwt)
    {
        jwt.TryGetPayloadValue<string>("org", out var organization);
        jwt.TryGetPayloadValue<string>("org_kind", out var kindText);
        jwt.TryGetPayloadValue<string>("district", out var district);
        OrganizationKind? kind = kindText switch
        {
            "admin" => OrganizationKind.Admin,
            "department" => OrganizationKind.Department,
            "district" => OrganizationKind.District,
            "operator" => OrganizationKind.Operator,
            _ => null,
        };
        if (string.IsNullOrWhiteSpace(organization) || organization.Length > 64 || kind is null)
        {
            return TokenValidationOutcome.Failure(IdentityErrorCodes.ClaimsInvalid, "The token needs the claims org and org_kind (admin, department, district or operator).");
        }

        if (kind == OrganizationKind.District && (district is not { Length: 6 } || !district.All(char.IsAsciiDigit)))
        {
            return TokenValidationOutcome.Failure(IdentityErrorCodes.ClaimsInvalid, "A district's token needs its six-digit district code in the claim district.");
        }

        var caller = new CallerIdentity(organization, kind.Value, kind == OrganizationKind.District ? district : null);
        return TokenValidationOutcome.Success(caller);
    }

    private static TokenValidationOutcome Refusal(Exception? exception) => exception switch
    {
        SecurityTokenInvalidIssuerException => TokenValidationOutcome.Failure(IdentityErrorCodes.IssuerInvalid, "The token was not issued by the trusted issuer."),
        SecurityTokenInvalidAudienceException => TokenValidationOutcome.Failure(IdentityErrorCodes.AudienceInvalid, "The token is not meant for this platform (aud)."),
        SecurityTokenInvalidAlgorithmException => TokenValidationOutcome.Failure(IdentityErrorCodes.AlgorithmNotAllowed, "Tokens must be signed with RS256 or ES256."),
        SecurityTokenSignatureKeyNotFoundException => TokenValidationOutcome.Failure(IdentityErrorCodes.KeyUnknown, "The token's key id (kid) is not one of the trusted signing keys."),
        SecurityTokenInvalidSignatureException => TokenValidationOutcome.Failure(IdentityErrorCodes.SignatureInvalid, "The token's signature does not verify."),
        SecurityTokenMalformedException or ArgumentException => TokenValidationOutcome.Failure(IdentityErrorCodes.Malformed, "The token is not a well-formed JWT."),
        _ => TokenValidationOutcome.Failure(IdentityErrorCodes.SignatureInvalid, "The token could not be validated."),
    };

    private void Remember(string token, CachedCaller entry, DateTimeOffset now)
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

    private sealed record CachedCaller(CallerIdentity Caller, DateTimeOffset ValidUntil);

    [LoggerMessage(EventId = 310, Level = LogLevel.Debug, Message = "Token refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string reason);
}
