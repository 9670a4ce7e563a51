namespace DataGateway.Demo.Idp;

/// <summary>The <c>idp</c> command's options (parsed by <see cref="IdpCommand"/>).</summary>
/// <param name="Port">The loopback port it listens on.</param>
/// <param name="KeyFile">The demo issuer's private key (PEM) that the <c>keys</c> command wrote.</param>
/// <param name="Issuer">The <c>iss</c> of its tokens and of its discovery document: the one the catalog and gateway trust.</param>
/// <param name="Audience">The access tokens' <c>aud</c>: the platform's.</param>
/// <param name="ClientId">The one client it knows (the console), a public client: no secret, PKCE instead.</param>
/// <param name="RedirectUris">The client's registered redirect URIs, matched exactly.</param>
/// <param name="ConsoleOrigin">The only origin whose scripts may read discovery, JWKS and token answers (CORS).</param>
/// <param name="TokenLifetime">How long an access token and an ID token are valid.</param>
internal sealed record IdpOptions(
    int Port,
    string KeyFile,
    string Issuer,
    string Audience,
    string ClientId,
    IReadOnlyList<string> RedirectUris,
    string ConsoleOrigin,
    TimeSpan TokenLifetime)
{
    /// <summary>Beside the gateway's 8080, the catalog's 8081 and the returns worker's 8082.</summary>
    public const int DefaultPort = 8083;

    /// <summary>The console's client id, as the catalog's <c>DataGateway:Console:Oidc:ClientId</c> names it.</summary>
    public const string DefaultClientId = "datagateway-console";

    /// <summary>A code is redeemed within seconds of being issued; a minute leaves room for a slow machine.</summary>
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Where the browser reaches it: discovery's endpoints are under this (the authority the client is configured with),
    /// which is not the issuer's name (see README, "管理控制台").
    /// </summary>
    public string Authority => $"http://127.0.0.1:{Port}";
}
