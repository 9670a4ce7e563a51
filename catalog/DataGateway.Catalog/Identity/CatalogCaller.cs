using DataGateway.Catalog.Problems;
using DataGateway.Common.Identity;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Catalog.Identity;

/// <summary>Who is calling the catalog, that the catalog knows them, and the one rule most endpoints need: admins only.</summary>
public static class CatalogCaller
{
    /// <summary>The validated caller. Every /v1 endpoint runs behind the identity middleware, so it is always there.</summary>
    public static CallerIdentity Caller(this HttpContext http) =>
        http.Features.Get<ICallerFeature>()?.Caller ?? throw new InvalidOperationException("The identity middleware did not run.");

    /// <summary>
    /// Admits a signed-in caller only when the catalog's organizations agree with its token (403 <c>caller_unknown</c>
    /// otherwise); goes right after <c>UseCallerIdentity()</c>.
    /// </summary>
    public static IApplicationBuilder UseCatalogCaller(this IApplicationBuilder app) => app.UseMiddleware<CatalogCallerMiddleware>();

    /// <summary>Refuses ambiguous or unstorable input (<see cref="Requests.StrictInputMiddleware"/>) before any endpoint runs.</summary>
    public static IApplicationBuilder UseStrictInput(this IApplicationBuilder app) => app.UseMiddleware<Requests.StrictInputMiddleware>();

    public static TBuilder RequireAdmin<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
            context.HttpContext.Caller().Kind == OrganizationKind.Admin
                ? await next(context)
                : CatalogProblems.Forbidden(CatalogProblems.AdminRequired, CatalogMessages.Get("admin_required.detail")))
            .WithMetadata(ApiReference.AdminOnlyMetadata.Instance);
}
