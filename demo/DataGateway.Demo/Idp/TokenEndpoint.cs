using System.Text.RegularExpressions;

namespace DataGateway.Demo.Idp;

/// <summary>
/// <c>POST /token</c>: an authorization code for tokens (OAuth 2.0 §4.1.3), for a public client proving the code is
/// its own with the PKCE verifier (RFC 7636 §4.5). Answers the platform's access token, an ID token and their lifetime.
/// </summary>
internal static partial class TokenEndpoint
{
    public static async Task<IResult> HandleAsync(HttpContext http, IdpOptions options, DemoIssuer issuer, AuthorizationCodes codes, TimeProvider time)
    {
        OAuthErrors.NoStore(http.Response);
        if (!http.Request.HasFormContentType)
        {
            return OAuthErrors.Json("invalid_request", "The body must be application/x-www-form-urlencoded.");
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        string? Value(string name) => form[name] is { Count: 1 } v && v[0] is { Length: > 0 } s ? s : null;
        if (form.Keys.FirstOrDefault(k => form[k].Count > 1) is { } repeated)
        {
            return OAuthErrors.Json("invalid_request", $"The parameter {repeated} is given more than once.");
        }

        if (Value("grant_type") != "authorization_code")
        {
            return OAuthErrors.Json("unsupported_grant_type", "Only grant_type=authorization_code is supported.");
        }

        if (Value("client_id") != options.ClientId)
        {
            return OAuthErrors.Json("invalid_client", "Unknown client_id.", StatusCodes.Status401Unauthorized);
        }

        if (Value("code") is not { } code || Value("redirect_uri") is not { } redirectUri)
        {
            return OAuthErrors.Json("invalid_request", "code and redirect_uri are required.");
        }

        if (Value("code_verifier") is not { } verifier || !VerifierPattern().IsMatch(verifier))
        {
            return OAuthErrors.Json("invalid_request", "code_verifier is required: 43 to 128 characters of A-Z a-z 0-9 - . _ ~.");
        }

        // One answer for every way a code can be wrong, so the answer tells nothing about which part was.
        if (codes.Redeem(code, options.ClientId, redirectUri, verifier) is not { } grant)
        {
            return OAuthErrors.Json("invalid_grant", "The code is unknown, expired, already used, or was issued for another redirect_uri or code_challenge.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        return Results.Json(new
        {
            access_token = issuer.AccessToken(grant.Organization, now, options.TokenLifetime),
            token_type = "Bearer",
            expires_in = (int)options.TokenLifetime.TotalSeconds,
            id_token = issuer.IdToken(grant.Organization, grant.ClientId, grant.Nonce, now, options.TokenLifetime),
            scope = grant.Scope,
        });
    }

    [GeneratedRegex("^[A-Za-z0-9._~-]{43,128}$")]
    private static partial Regex VerifierPattern();
}
