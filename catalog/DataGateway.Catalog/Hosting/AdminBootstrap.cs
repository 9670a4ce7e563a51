using DataGateway.Catalog.Organizations;
using DataGateway.Catalog.Storage;
using Microsoft.Extensions.Options;

namespace DataGateway.Catalog.Hosting;

/// <summary>
/// Creates the platform's admin organization (<see cref="CatalogOptions.AdminOrganizationId"/>) at start when it is
/// not in the catalog. Every <c>/v1</c> call needs the caller's organization in the catalog, so without this no admin
/// token could create the first organization; with it, a fresh database is ready for the seed as soon as the
/// catalog serves.
/// </summary>
/// <remarks>
/// Only a missing row is created, never an existing one changed: once the admin organization exists, the catalog's
/// row is the truth (an admin who renames it keeps the name). A deleted admin organization comes back on the next
/// start, which is the way back in for a platform that locked itself out. Safe when replicas start at once: catalog
/// writers are serialised (CatalogWriter), so the second finds the first one's document and appends nothing.
/// </remarks>
internal static class AdminBootstrap
{
    /// <summary>The history's actor for what the catalog does on its own at start.</summary>
    public const string Actor = "catalog-bootstrap";

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var options = services.GetRequiredService<IOptions<CatalogOptions>>().Value;
        if (string.IsNullOrEmpty(options.AdminOrganizationId))
        {
            return;
        }

        var writer = services.GetRequiredService<CatalogWriter>();
        await writer.WriteAsync(Actor, async tx =>
        {
            var id = options.AdminOrganizationId;
            var (current, version) = await tx.StreamAsync<Store.Organizations.OrganizationDocument>(id, cancellationToken);
            if (current is not null)
            {
                return false;
            }

            var created = OrganizationStore.Append(tx, id, version, null,
                OrganizationsApi.Registered(id, new OrganizationBody(id, options.AdminOrganizationName, "admin", null, null), tx))!;
            await tx.SaveAsync(cancellationToken);
            return true;
        }, cancellationToken);
    }
}
