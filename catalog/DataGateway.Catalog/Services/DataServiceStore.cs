using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Services;
using Marten;

namespace DataGateway.Catalog.Services;

/// <summary>
/// Data services in Marten: each is a stream (<see cref="DataServiceRegistered"/>, <see cref="DataServiceChanged"/>,
/// <see cref="DataServiceDeleted"/>) and the API reads the document its inline projection keeps.
/// </summary>
internal static class DataServiceStore
{
    public static async Task<(DataServiceView[] Page, long Total)> ListAsync(IQuerySession session, ListPage page, CancellationToken cancellationToken)
    {
        var (rows, total) = await ListPaging.PageAsync(session.Query<DataServiceDocument>, q => q.OrderBy(s => s.Id), page, cancellationToken);
        return ([.. rows.Select(View)], total);
    }

    public static async Task<DataServiceView?> FindAsync(IQuerySession session, string id, CancellationToken cancellationToken) =>
        await session.LoadAsync<DataServiceDocument>(id, cancellationToken) is { } document ? View(document) : null;

    /// <summary>True when a dataset is still served by it.</summary>
    public static async Task<bool> InUseAsync(CatalogTransaction tx, string id, CancellationToken cancellationToken)
    {
        await using var inUse = tx.Command(
            $"select exists (select 1 from {Store.Documents.CatalogTables.Datasets} where data->>'serviceId' = @id and data->>'deletedAt' is null)");
        inUse.Parameters.AddWithValue("id", id);
        return (bool)(await inUse.ExecuteScalarAsync(cancellationToken))!;
    }

    public static async Task<bool> OwnerIsDepartmentAsync(CatalogTransaction tx, string ownerId, CancellationToken cancellationToken)
    {
        await using var command = tx.Command("select exists (select 1 from mt_doc_organization where id = @id and data->>'kind' = 'department')");
        command.Parameters.AddWithValue("id", ownerId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public static DataServiceView View(DataServiceDocument d) => new(d.Id, d.OwnerId, d.BaseAddress, d.DistrictAddresses, d.TimeoutMs, d.Version, d.UpdatedAt);
}
