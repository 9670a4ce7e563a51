using DataGateway.Schema;

namespace DataGateway.Catalog.Store.Schema;

/// <summary>
/// The catalog's own hand-written tables (<c>Schema/*.sql</c>); Marten's objects are applied right after them under the
/// same lock (<see cref="SchemaMigrations.ApplyAsync"/>'s <c>then</c>). The ledger's and the quota leases' tables are
/// their owners' (<c>LedgerSchema</c>, <c>QuotaSchema</c>).
/// </summary>
public static class CatalogSchema
{
    public static SchemaOwner Owner { get; } = new("catalog", typeof(CatalogSchema).Assembly, "DataGateway.Catalog.Store.Schema.");
}
