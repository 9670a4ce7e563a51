namespace DataGateway.Demo.Consent;

/// <summary>The <c>consent</c> command's options (parsed by <see cref="ConsentCommand"/>).</summary>
/// <param name="Port">The loopback port it listens on.</param>
/// <param name="KeyFile">Its own private key (PEM) that the <c>keys</c> command wrote: never the caller issuer's.</param>
/// <param name="Issuer">The consents' <c>iss</c>: the one the gateway's <c>DataGateway:Consent:Issuer</c> names.</param>
/// <param name="Catalog">The catalog it withdraws consents at (<c>POST /v1/consents/{id}/revoke</c>).</param>
/// <param name="CatalogTokenFile">The token of the consent issuer's organization (<c>org-suishenban</c>) for the catalog.</param>
/// <param name="MaxLifetime">The longest consent it issues; the platform's <c>MaxLifetime</c> is the same by default.</param>
internal sealed record ConsentIssuerOptions(int Port, string KeyFile, string Issuer, Uri Catalog, string CatalogTokenFile, TimeSpan MaxLifetime)
{
    /// <summary>Beside the identity provider's 8083.</summary>
    public const int DefaultPort = 8084;

    public const string DefaultIssuer = "https://demo-consent.datagateway.local";

    public string Address => $"http://127.0.0.1:{Port}";
}
