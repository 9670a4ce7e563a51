using DataGateway.Schema;
using Npgsql;

namespace DataGateway.Ledger.Schema;

/// <summary>
/// The ledger's tables (records, checkpoints, amendments with their chain trigger), owned here and applied by every
/// process that uses them: the gateway and the ledger CLI alone, the catalog together with its own schema.
/// </summary>
public static class LedgerSchema
{
    public static SchemaOwner Owner { get; } = new("ledger", typeof(LedgerSchema).Assembly, "DataGateway.Ledger.Schema.");

    /// <summary>Applies the ledger's schema alone, under the platform's schema lock.</summary>
    public static Task ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default) =>
        SchemaMigrations.ApplyAsync(dataSource, [Owner], cancellationToken: cancellationToken);
}
