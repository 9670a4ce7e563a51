using DataGateway.Catalog.Problems;
using DataGateway.Common.Identity;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Catalog.Identity;

/// <summary>Who is calling the catalog, and the one rule most endpoints need: admins only.</summary>
public static class CatalogCaller
{
    /// <summary>The validated caller. Every /v1 endpoint runs behind the identity middleware, so it is always there.</summary>
    public static CallerIdentity Caller(this HttpContext http) =>
        http.Features.Get<ICallerFeature>()?.Caller ?? throw new InvalidOperationException("The identity middleware did not run.");

    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Caller().Kind == OrganizationKind.Admin
                ? await next(context)
                : CatalogProblems.Forbidden(CatalogProblems.AdminRequired, CatalogMessages.Get("admin_required.detail")))
            .WithMetadata(ApiReference.AdminOnlyMetadata.Instance);
}
