using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Identity;

/// <summary>
/// IdentityModel's lifetime rule (exp required, exp and nbf within the clock skew), on the host's
/// <see cref="TimeProvider"/>.
/// </summary>
/// <remarks>
/// IdentityModel 8.23's own rule reads the system clock (its <c>TokenValidationParameters.TimeProvider</c> is not
/// public), while the token cache of <see cref="CallerTokenHandler"/> follows the injected clock; one clock for both
/// keeps a cached token and a fresh one judged alike. It throws the exceptions IdentityModel's rule throws, so the
/// refusal codes (<see cref="TokenRefusals"/>) are the same.
/// </remarks>
internal static class TokenLifetime
{
    public static LifetimeValidator Validator(TimeProvider time) => (notBefore, expires, _, parameters) =>
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is not { } exp)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry (exp).");
        }

        if (now > exp + parameters.ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = exp };
        }

        if (notBefore is { } nbf && now + parameters.ClockSkew < nbf)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet (nbf).") { NotBefore = nbf };
        }

        return true;
    };
}
