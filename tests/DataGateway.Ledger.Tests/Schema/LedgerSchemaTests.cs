using DataGateway.Ledger.Schema;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Ledger.Tests.Schema;

/// <summary>
/// Issue 13, point 1 (schema ownership): the ledger's tables are the ledger project's own. Applied alone to an empty
/// database they are all there, and nothing of the catalog's or the gateway's is: the ledger needs neither.
/// </summary>
public sealed class LedgerSchemaTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Apply_OnAnEmptyDatabase_CreatesTheLedgersTablesAndNoOtherOwners()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);

        await LedgerSchema.ApplyAsync(dataSource);
        await LedgerSchema.ApplyAsync(dataSource); // a second start finds the work done

        var tables = new List<string>();
        await using (var command = dataSource.CreateCommand(
                   "select relname from pg_class where relnamespace = 'public'::regnamespace and relkind in ('r', 'p') and not relispartition order by 1"))
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["ledger_amendments", "ledger_archive_chains", "ledger_archives", "ledger_checkpoints", "ledger_records", "schema_migrations"], tables);
        await using var owners = dataSource.CreateCommand("select array_agg(distinct owner) from schema_migrations");
        Assert.Equal(["ledger"], (string[])(await owners.ExecuteScalarAsync())!);
    }

    /// <summary>The amendments' chain trigger and signature columns come with the ledger's own schema.</summary>
    [Fact]
    public async Task Apply_AmendmentsChainAndSignatures_ArePartOfTheLedgersSchema()
    {
        await using var dataSource = NpgsqlDataSource.Create(database.ConnectionString);
        await LedgerSchema.ApplyAsync(dataSource);
        var store = new LedgerStore(dataSource);
        var chain = new LedgerChain("schema-amendments", 0, LedgerChain.Genesis);
        var record = chain.Seal(LedgerWriterTests.Record(0));
        await store.WriteAsync([record], default);

        Assert.Equal(1, await store.AmendUndeliveredAsync([record.RequestId], "gw-schema", null, default));

        var head = await store.LastAmendmentAsync(default);
        Assert.NotNull(head);
        Assert.Equal(32, head.Value.Hash.Length);
    }
}
