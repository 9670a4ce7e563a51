using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace DataGateway.Demo.Idp;

/// <summary>
/// An authorization request's parameters (OAuth 2.0 §4.1.1 with PKCE, RFC 7636), from the query of
/// <c>GET /authorize</c> or the form the picker page posts back, and what is wrong with them.
/// </summary>
internal sealed partial record AuthorizeRequest(
    string ClientId,
    string RedirectUri,
    string ResponseType,
    string Scope,
    string? State,
    string CodeChallenge,
    string CodeChallengeMethod,
    string? Nonce)
{
    /// <summary>The parameters the picker page carries over, by name.</summary>
    public static readonly string[] Names = ["client_id", "redirect_uri", "response_type", "scope", "state", "code_challenge", "code_challenge_method", "nonce"];

    private const int MaxLength = 512;

    public static AuthorizeRequest From(Func<string, StringValues> read, out string? duplicate)
    {
        duplicate = Names.FirstOrDefault(n => read(n).Count > 1);
        string? Value(string name) => read(name) is { Count: 1 } v && v[0] is { Length: > 0 } s ? s : null;
        return new AuthorizeRequest(
            Value("client_id") ?? "",
            Value("redirect_uri") ?? "",
            Value("response_type") ?? "",
            Value("scope") ?? "openid",
            Value("state"),
            Value("code_challenge") ?? "",
            Value("code_challenge_method") ?? "",
            Value("nonce"));
    }

    /// <summary>
    /// True when the client and its redirect URI are the registered ones (exact match). Only then may an error be sent
    /// back to the redirect URI; otherwise the browser would be sent wherever the request said (an open redirect).
    /// </summary>
    public bool IsFor(IdpOptions options) => ClientId == options.ClientId && options.RedirectUris.Contains(RedirectUri, StringComparer.Ordinal);

    /// <summary>The OAuth error and its description for a request from the registered client, or null when it is sound.</summary>
    public (string Error, string Description)? Problem(string? duplicate)
    {
        if (duplicate is not null)
        {
            return ("invalid_request", $"The parameter {duplicate} is given more than once.");
        }

        if (ResponseType != "code")
        {
            return ("unsupported_response_type", "Only response_type=code is supported.");
        }

        if (CodeChallengeMethod != "S256" || !ChallengePattern().IsMatch(CodeChallenge))
        {
            return ("invalid_request", "PKCE is required: code_challenge (43 base64url characters) with code_challenge_method=S256.");
        }

        if (!Scope.Split(' ').Contains("openid"))
        {
            return ("invalid_scope", "The scope must include openid.");
        }

        if (State is { Length: > MaxLength } || Nonce is { Length: > MaxLength } || Scope.Length > MaxLength)
        {
            return ("invalid_request", $"state, nonce and scope are at most {MaxLength} characters.");
        }

        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{43}$")]
    private static partial Regex ChallengePattern();
}
