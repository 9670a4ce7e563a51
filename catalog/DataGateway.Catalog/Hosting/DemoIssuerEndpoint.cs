using Microsoft.Extensions.Options;

namespace DataGateway.Catalog.Hosting;

/// <summary>
/// The demo identity provider's public keys at <c>/.well-known/jwks.json</c>. Only the public JWKS file is read; the
/// private key stays with the demo seed tool under <c>.data/demo/keys/</c>.
/// </summary>
public static class DemoIssuerEndpoint
{
    public static IEndpointRouteBuilder MapDemoIssuer(this IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/jwks.json", async (IOptions<CatalogOptions> options, CancellationToken cancellationToken) =>
        {
            var file = options.Value.DemoIssuerJwksFile;
            if (string.IsNullOrEmpty(file) || !File.Exists(file))
            {
                return Results.Problem(statusCode: 404, title: "No demo issuer.", detail: "This catalog does not run the demo identity provider.",
                    extensions: new Dictionary<string, object?> { ["code"] = "not_found" });
            }

            return Results.Text(await File.ReadAllTextAsync(file, cancellationToken), "application/json");
        }).ExcludeFromDescription();
        return app;
    }
}
