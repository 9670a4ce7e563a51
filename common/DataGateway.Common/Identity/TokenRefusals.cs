using DataGateway.Common.Problems;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Identity;

/// <summary>
/// The stable code (and an English sentence for the logs) of a token JwtBearer could not authenticate, from the
/// exception IdentityModel or <see cref="CallerTokenHandler"/> refused it with; no exception means no token at all.
/// </summary>
internal static class TokenRefusals
{
    public static (string Code, string Detail) Of(Exception? failure) => failure switch
    {
        null => (EdgeProblemCodes.TokenMissing, "Send a bearer token: Authorization: Bearer <JWT>."),
        AggregateException { InnerExceptions: [var first, ..] } => Of(first),
        CallerTokenException refused => (refused.Code, refused.Message),
        SecurityTokenNoExpirationException => (EdgeProblemCodes.TokenExpired, "The token has no expiry (exp)."),
        SecurityTokenExpiredException => (EdgeProblemCodes.TokenExpired, "The token has expired."),
        SecurityTokenNotYetValidException => (EdgeProblemCodes.TokenNotYetValid, "The token is not valid yet (nbf)."),
        SecurityTokenInvalidIssuerException => (EdgeProblemCodes.TokenIssuerInvalid, "The token was not issued by the trusted issuer."),
        SecurityTokenInvalidAudienceException => (EdgeProblemCodes.TokenAudienceInvalid, "The token is not meant for this platform (aud)."),
        SecurityTokenInvalidAlgorithmException => (EdgeProblemCodes.TokenAlgorithmNotAllowed, "Tokens must be signed with RS256 or ES256."),
        SecurityTokenSignatureKeyNotFoundException => (EdgeProblemCodes.TokenKeyUnknown, "The token's key id (kid) is not one of the trusted signing keys."),
        SecurityTokenInvalidSignatureException => (EdgeProblemCodes.TokenSignatureInvalid, "The token's signature does not verify."),
        SecurityTokenMalformedException or ArgumentException => (EdgeProblemCodes.TokenMalformed, "The token is not a well-formed JWT."),
        // Anything else IdentityModel refuses with (an nbf after exp, a failure inside a key) is not a valid signature.
        _ => (EdgeProblemCodes.TokenSignatureInvalid, "The token could not be validated."),
    };
}
