using DataGateway.Catalog.Problems;
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
                return (IResult)CatalogProblems.Problem(StatusCodes.Status404NotFound, "not_found", CatalogMessages.Get("not_found.demo_issuer"));
            }

            return Results.Text(await File.ReadAllTextAsync(file, cancellationToken), "application/json");
        }).ExcludeFromDescription();
        return app;
    }
}
