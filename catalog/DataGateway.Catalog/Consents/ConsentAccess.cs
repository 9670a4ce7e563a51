using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Common.Consent;
using DataGateway.Policy.Model;
using Microsoft.Extensions.Options;

namespace DataGateway.Catalog.Consents;

/// <summary>
/// Who speaks for the data subjects: the consent issuer's organization (<c>DataGateway:Consent:Organization</c>, of kind
/// <c>consent_issuer</c>) and admins. Nobody else withdraws a consent, reads its state, or reads a subject's accesses.
/// </summary>
public static class ConsentAccess
{
    public static bool Allowed(HttpContext http)
    {
        var caller = http.Caller();
        if (caller.Kind == OrganizationKind.Admin)
        {
            return true;
        }

        var options = http.RequestServices.GetRequiredService<IOptions<ConsentOptions>>().Value;
        return caller.Kind == OrganizationKind.ConsentIssuer
            && options.Organization is { Length: > 0 } organization
            && string.Equals(caller.OrganizationId, organization, StringComparison.Ordinal);
    }

    /// <summary>Refuses everyone but the consent issuer's organization and admins (403 <c>consent_issuer_required</c>).</summary>
    public static TBuilder RequireConsentIssuer<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) => Allowed(context.HttpContext)
            ? await next(context)
            : Refusal())
        .Refuses(StatusCodes.Status403Forbidden, CatalogProblems.ConsentIssuerRequired);

    public static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Refusal() =>
        CatalogProblems.Forbidden(CatalogProblems.ConsentIssuerRequired, CatalogMessages.Get("consent_issuer_required.detail"));
}
