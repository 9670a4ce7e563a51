using System.ComponentModel.DataAnnotations;

namespace DataGateway.Catalog.Hosting;

/// <summary>The catalog's own settings, section <c>DataGateway:Catalog</c> (env: <c>DataGateway__Catalog__…</c>).</summary>
public sealed class CatalogOptions
{
    public const string Section = "DataGateway:Catalog";

    /// <summary>PostgreSQL, e.g. <c>Host=127.0.0.1;Port=5432;Username=datagateway;Database=datagateway</c>.</summary>
    [Required]
    public string ConnectionString { get; set; } = "";

    /// <summary>
    /// A JWKS file (public keys only) the demo identity provider publishes at <c>/.well-known/jwks.json</c>; unset when
    /// a real identity provider issues the tokens, and then that path answers 404.
    /// </summary>
    public string? DemoIssuerJwksFile { get; set; }
}
