using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Identity;

/// <summary>
/// JwtBearer's options from <see cref="IdentityOptions"/>: IdentityModel's own validation of issuer, audience,
/// algorithm and lifetime (with the configured clock skew, on the host's clock: <see cref="TokenLifetime"/>), keys from the
/// <see cref="SigningKeyStore"/>, and <see cref="CallerTokenHandler"/> as the one token handler.
/// </summary>
/// <remarks>
/// Keys come from <see cref="SigningKeyStore"/> rather than JwtBearer's <c>ConfigurationManager</c>: the platform
/// trusts PEM files as well as a JWKS URL (which is not an OpenID Connect metadata document), keeps the last good
/// JWKS in a file so a restart during the identity provider's outage still has keys, and limits the refreshes that
/// made-up key ids can cause.
/// </remarks>
internal sealed class CallerJwtBearerSetup(IOptions<IdentityOptions> identity, SigningKeyStore keys, CallerTokenHandler handler, TimeProvider time)
    : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name == JwtBearerDefaults.AuthenticationScheme)
        {
            Configure(options);
        }
    }

    public void Configure(JwtBearerOptions options)
    {
        var settings = identity.Value;
        options.TokenHandlers.Clear();
        options.TokenHandlers.Add(handler);
        options.MapInboundClaims = false;
        // The challenge writes the problem and WWW-Authenticate itself (CallerJwtBearerEvents).
        options.IncludeErrorDetails = false;
        options.EventsType = typeof(CallerJwtBearerEvents);
        options.TimeProvider = time;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Issuer,
            ValidAudience = settings.Audience,
            ValidAlgorithms = CallerTokenHandler.AllowedAlgorithms,
            // Only the key the kid names: no other trusted key is tried, so a kid cannot be left out to make it guess.
            IssuerSigningKeyResolver = (_, _, kid, _) => kid is not null && keys.Find(kid) is { } key ? [key] : [],
            TryAllIssuerSigningKeys = false,
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = settings.ClockSkew,
            LifetimeValidator = TokenLifetime.Validator(time),
        };
    }
}
