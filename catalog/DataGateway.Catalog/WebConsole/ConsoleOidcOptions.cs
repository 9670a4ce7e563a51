using System.ComponentModel.DataAnnotations;

namespace DataGateway.Catalog.WebConsole;

/// <summary>
/// The OpenID Connect provider the console signs people in with, section <c>DataGateway:Console:Oidc</c> (env
/// <c>DataGateway__Console__Oidc__…</c>). Unset <see cref="Authority"/>: the console offers only the token paste. None
/// of it is secret: the console is a public client (PKCE, no client secret), and <c>/console/config.json</c> hands it
/// to any browser.
/// </summary>
/// <remarks>
/// The provider's access tokens must be ones the catalog and gateway already accept (<c>DataGateway:Identity</c>: its
/// issuer, the platform's audience, its keys), with the platform's claims (<c>org</c>, <c>org_kind</c>, <c>district</c>);
/// the console sends the access token, never the ID token, to the API.
/// </remarks>
public sealed class ConsoleOidcOptions : IValidatableObject
{
    public const string Section = "DataGateway:Console:Oidc";

    /// <summary>
    /// The provider's base URL: its discovery document is at <c>{Authority}/.well-known/openid-configuration</c>, and its
    /// origin is added to the console's CSP <c>connect-src</c> (the console fetches discovery and the token from it).
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>The console's client id at the provider (required with <see cref="Authority"/>).</summary>
    [MaxLength(200)]
    public string? ClientId { get; set; }

    /// <summary>The scopes asked for; must include <c>openid</c>.</summary>
    [MaxLength(500)]
    public string Scope { get; set; } = "openid";

    /// <summary>True when a provider is configured.</summary>
    public bool Configured => !string.IsNullOrEmpty(Authority);

    /// <summary>The authority's origin (scheme, host, port), for the CSP; null when none is configured.</summary>
    public string? AuthorityOrigin => Configured && Uri.TryCreate(Authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Configured)
        {
            yield break;
        }

        // The origin goes into a CSP header: anything but a plain http(s) URL (a space, a quote, a ';') could add a
        // directive of its own, so only what Uri parses as an absolute http(s) URL without query or fragment passes.
        if (!Uri.TryCreate(Authority, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http")
            || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0 || Authority!.Any(c => char.IsWhiteSpace(c) || c is '\'' or ';' or ',' or '"'))
        {
            yield return new ValidationResult("Not an absolute http(s) URL without query, fragment or user info, e.g. https://idp.example.gov.cn/realms/city.", [nameof(Authority)]);
        }
        else if (uri.Scheme == "http" && !uri.IsLoopback)
        {
            // The token comes back over this connection: in clear text only on the machine itself (the demo).
            yield return new ValidationResult("Must be https (http only on loopback, as in the demo).", [nameof(Authority)]);
        }

        if (string.IsNullOrWhiteSpace(ClientId))
        {
            yield return new ValidationResult("Required when DataGateway:Console:Oidc:Authority is set.", [nameof(ClientId)]);
        }

        if (!Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains("openid"))
        {
            yield return new ValidationResult("Must include openid.", [nameof(Scope)]);
        }
    }
}
