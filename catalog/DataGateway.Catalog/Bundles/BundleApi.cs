using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace DataGateway.Catalog.Bundles;

/// <summary>
/// <c>GET /bundles/datagateway.tar.gz</c>: the OPA bundle, for sidecars that poll the catalog as their bundle
/// service. <c>ETag</c> names the catalog version (and the Rego's digest); <c>If-None-Match</c> with it is a 304.
/// </summary>
/// <remarks>
/// Read by a token of the organization kind <c>bundle_reader</c> (or an admin's). A kind of its own rather than a
/// scope claim: the platform admits a caller only when the catalog holds its organization with that kind, so a
/// sidecar's access is granted, listed and revoked like any organization's (delete it and the next poll is refused),
/// and a bundle reader is nothing else — it has no data rights, applies for none, sees no ledger.
/// </remarks>
public static class BundleApi
{
    public const string Path = "/bundles/datagateway.tar.gz";

    public const string ContentType = "application/gzip";

    public static IEndpointRouteBuilder MapBundleApi(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, GetAsync).WithTags("Bundles")
            .WithSummary("OPA 策略包 The OPA bundle: .manifest, data.json and the Rego")
            .Refuses(StatusCodes.Status403Forbidden, CatalogProblems.BundleReaderRequired);
        return app;
    }

    public static async Task<Results<FileContentHttpResult, StatusCodeHttpResult, ProblemHttpResult>> GetAsync(
        HttpContext http, BundleCache bundles, CancellationToken cancellationToken)
    {
        if (http.Caller().Kind is not (OrganizationKind.BundleReader or OrganizationKind.Admin))
        {
            return CatalogProblems.Forbidden(CatalogProblems.BundleReaderRequired, CatalogMessages.Get("bundle_reader_required.detail"));
        }

        var bundle = await bundles.CurrentAsync(cancellationToken);
        var etag = new EntityTagHeaderValue(bundle.ETag);
        var headers = http.Response.GetTypedHeaders();
        headers.ETag = etag;
        // Always revalidated: a new catalog version must reach the sidecars at their next poll.
        headers.CacheControl = new CacheControlHeaderValue { NoCache = true };
        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.File(bundle.Content, ContentType);
    }
}
