using DataGateway.Common.Identity;
using DataGateway.Policy.Decisions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Consent;

/// <summary>
/// Verifies a consent credential as strictly as a caller token (the signature with the key its <c>kid</c> names, the
/// algorithm allow-list, no <c>crit</c>, the issuer, the lifetime on the host's clock), plus what makes it a consent:
/// the header <c>typ</c> <c>dg-consent+jwt</c>, the consent's claims (<see cref="ConsentClaims"/>) and a lifetime no
/// longer than <see cref="ConsentOptions.MaxLifetime"/>. Whether the consent fits the call is the caller's business.
/// </summary>
/// <remarks>
/// Keys come from a <see cref="SigningKeyStore"/> of its own (the consent issuer's PEM files or JWKS URL), so a caller
/// token signed by the identity provider never verifies as a consent, and a consent never as a caller token.
/// </remarks>
public sealed class ConsentValidator
{
    private readonly ConsentOptions _options;
    private readonly TimeProvider _time;
    private readonly JsonWebTokenHandler _handler = new() { MapInboundClaims = false };
    private readonly TokenValidationParameters? _parameters;

    public ConsentValidator(IOptions<ConsentOptions> options, IHttpClientFactory httpClientFactory, TimeProvider time, ILoggerFactory loggers)
    {
        _options = options.Value;
        _time = time;
        if (!_options.IsConfigured)
        {
            return;
        }

        Keys = new SigningKeyStore(Options.Create(_options.AsKeyOptions()), httpClientFactory, time, loggers.CreateLogger<SigningKeyStore>());
        var keys = Keys;
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = _options.Issuer,
            ValidateAudience = false,
            ValidAlgorithms = CallerTokenHandler.AllowedAlgorithms,
            IssuerSigningKeyResolver = (_, _, kid, _) => kid is not null && keys.Find(kid) is { } key ? [key] : [],
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = _options.ClockSkew,
            LifetimeValidator = TokenLifetime.Validator(time),
        };
    }

    /// <summary>Whether a consent issuer is configured; without one every consent-required call is refused.</summary>
    public bool IsConfigured => _parameters is not null;

    /// <summary>The consent issuer's keys; null when none is configured.</summary>
    public SigningKeyStore? Keys { get; }

    public async Task<ConsentVerification> VerifyAsync(string credential)
    {
        if (_parameters is null)
        {
            return ConsentVerification.Refused(ReasonCodes.ConsentUnavailable, "No consent issuer is configured.");
        }

        JsonWebToken jwt;
        try
        {
            jwt = new JsonWebToken(credential);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenMalformedException or FormatException)
        {
            return Invalid("The consent is not a well-formed JWT.");
        }

        if (!string.Equals(jwt.Typ, ConsentToken.Type, StringComparison.Ordinal))
        {
            return Invalid("The credential's typ is not dg-consent+jwt: it is not a consent (a caller token, perhaps).");
        }

        if (JoseHeader.HasCritical(jwt.EncodedHeader) || !CallerTokenHandler.AllowedAlgorithms.Contains(jwt.Alg, StringComparer.Ordinal))
        {
            return Invalid("The consent's header has crit, or an algorithm other than RS256 or ES256.");
        }

        if (string.IsNullOrEmpty(jwt.Kid) || await Keys!.FindOrRefreshAsync(jwt.Kid, CancellationToken.None) is null)
        {
            return Invalid("The consent's key id (kid) is not one of the consent issuer's keys.");
        }

        var result = await _handler.ValidateTokenAsync(credential, _parameters);
        if (!result.IsValid)
        {
            return result.Exception is SecurityTokenExpiredException or SecurityTokenNoExpirationException
                ? ConsentVerification.Refused(ReasonCodes.ConsentExpired, "The consent has expired.")
                : Invalid("The consent does not verify (signature, issuer or lifetime).");
        }

        var read = ConsentClaims.Read(jwt.EncodedPayload);
        if (read.Token is not { } token)
        {
            return read;
        }

        if (token.ExpiresAt - token.IssuedAt > _options.MaxLifetime)
        {
            return Invalid("The consent is valid for longer than DataGateway:Consent:MaxLifetime allows.");
        }

        if (token.IssuedAt > _time.GetUtcNow() + _options.ClockSkew)
        {
            return Invalid("The consent was issued in the future (iat).");
        }

        return read;
    }

    private static ConsentVerification Invalid(string detail) => ConsentVerification.Refused(ReasonCodes.ConsentInvalid, detail);
}
