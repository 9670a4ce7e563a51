namespace DataGateway.Catalog.WebConsole;

/// <summary>
/// <c>GET /console/config.json</c>: what the console needs to know before anyone signs in, i.e. whether it may offer
/// OpenID Connect sign-in and with which provider. Public settings only.
/// </summary>
public sealed record ConsoleConfig(ConsoleConfig.OidcSettings Oidc)
{
    /// <param name="Configured">Whether the console offers sign-in at the provider (the token paste is always there).</param>
    /// <param name="Authority">The provider's base URL (null when not configured).</param>
    /// <param name="ClientId">The console's client id there.</param>
    /// <param name="Scope">The scopes it asks for.</param>
    public sealed record OidcSettings(bool Configured, string? Authority, string? ClientId, string? Scope);

    public static ConsoleConfig From(ConsoleOidcOptions options) => new(options.Configured
        ? new OidcSettings(true, options.Authority, options.ClientId, options.Scope)
        : new OidcSettings(false, null, null, null));
}
