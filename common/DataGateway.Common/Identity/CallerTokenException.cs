using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Common.Identity;

/// <summary>
/// A token refused by one of the platform's own rules (the ones JwtBearer and IdentityModel do not have), carrying the
/// stable code of its 401. The message is English, for the logs; callers read the message table's text.
/// </summary>
internal sealed class CallerTokenException(string code, string message) : SecurityTokenValidationException(message)
{
    public string Code { get; } = code;
}
