using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;
using DataGateway.Demo.Seed;

namespace DataGateway.Demo.Idp;

/// <summary>
/// The one-time codes <c>/authorize</c> hands out, each bound to the client, the redirect URI and the PKCE challenge it
/// was asked with, kept in memory for <see cref="IdpOptions.CodeLifetime"/>.
/// </summary>
/// <remarks>
/// A code is taken out of the store by the first attempt to redeem it, whether that attempt succeeds or not: a code
/// that leaked (in a log, a referrer) can be tried once, not until its verifier is guessed, and a reuse is refused.
/// </remarks>
internal sealed class AuthorizationCodes(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Grant> _codes = new(StringComparer.Ordinal);

    /// <summary>What a code stands for.</summary>
    public sealed record Grant(
        DemoOrganizations.DemoOrganization Organization,
        string ClientId,
        string RedirectUri,
        string CodeChallenge,
        string? Nonce,
        string Scope,
        DateTimeOffset Expires);

    public string Issue(DemoOrganizations.DemoOrganization organization, AuthorizeRequest request)
    {
        // Expired codes are dropped as new ones are made, so the store stays as small as the codes in flight.
        var now = time.GetUtcNow();
        foreach (var (key, old) in _codes)
        {
            if (old.Expires <= now)
            {
                _codes.TryRemove(key, out _);
            }
        }

        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        _codes[code] = new Grant(organization, request.ClientId, request.RedirectUri, request.CodeChallenge, request.Nonce, request.Scope, now + IdpOptions.CodeLifetime);
        return code;
    }

    /// <summary>
    /// The grant, if <paramref name="code"/> is live and was issued to this client, for this redirect URI, with the
    /// challenge that <paramref name="verifier"/> answers (S256); otherwise null. The code is spent either way.
    /// </summary>
    public Grant? Redeem(string code, string clientId, string redirectUri, string verifier)
    {
        if (!_codes.TryRemove(code, out var grant) || grant.Expires <= time.GetUtcNow())
        {
            return null;
        }

        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var matches = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(challenge), Encoding.ASCII.GetBytes(grant.CodeChallenge));
        return matches && grant.ClientId == clientId && grant.RedirectUri == redirectUri ? grant : null;
    }
}
