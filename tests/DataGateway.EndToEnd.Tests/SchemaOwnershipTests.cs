using System.Security.Cryptography;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// Issue 13, point 1 (schema ownership): each process applies the schemas of the tables it uses at its start — the
/// catalog the ledger's and its own (then Marten's), each gateway the ledger's and the quota leases' — under one lock
/// across processes. A catalog and two gateways started at once on an empty database all come up, and every owner's
/// script ran exactly once.
/// </summary>
public sealed class SchemaOwnershipTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("datagateway-schema-").FullName;

    [Fact]
    public async Task Start_CatalogAndTwoGatewaysAtOnceOnAnEmptyDatabase_AllComeUpAndEachOwnersScriptsRunOnce()
    {
        using var tokens = new TestTokens();
        var catalogUrl = $"http://127.0.0.1:{FreePorts.Next()}";
        var gatewayUrls = new[] { $"http://127.0.0.1:{FreePorts.Next()}", $"http://127.0.0.1:{FreePorts.Next()}" };
        var processes = new List<ManagedProcess>();
        try
        {
            // The gateways first: they apply their tables, then wait for the catalog's schema to load a snapshot.
            processes.AddRange(gatewayUrls.Select((url, i) => ManagedProcess.Start("gateway/DataGateway.Gateway", [], new Dictionary<string, string>(tokens.Settings)
            {
                ["DataGateway__Gateway__ConnectionString"] = database.ConnectionString,
                ["DataGateway__Gateway__MaskHashKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["DataGateway__Ledger__JournalDirectory"] = Path.Combine(_directory, $"journal-{i}"),
                ["DataGateway__Ledger__InstanceName"] = $"gw-{i}",
                ["Urls"] = url,
            })));
            processes.Add(ManagedProcess.Start("catalog/DataGateway.Catalog", [], new Dictionary<string, string>(tokens.Settings)
            {
                ["DataGateway__Catalog__ConnectionString"] = database.ConnectionString,
                ["Urls"] = catalogUrl,
            }));

            await Task.WhenAll(gatewayUrls.Append(catalogUrl).Select((url, i) => processes[i].WaitUntilReadyAsync($"{url}/readyz")));

            var applied = await AppliedAsync();
            Assert.Equal(["catalog", "ledger", "quota", "returns"], applied.Select(a => a.Owner).Distinct().Order(StringComparer.Ordinal));
            Assert.Contains(("quota", "001_quota_leases"), applied);
            Assert.Contains(("ledger", "001_ledger_records"), applied);
            Assert.DoesNotContain(applied, a => a.Owner == "catalog" && (a.Name.Contains("ledger", StringComparison.Ordinal) || a.Name.Contains("quota", StringComparison.Ordinal)));
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<List<(string Owner, string Name)>> AppliedAsync()
    {
        await using var connection = new NpgsqlConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select owner, name from schema_migrations order by owner, name", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var applied = new List<(string, string)>();
        while (await reader.ReadAsync())
        {
            applied.Add((reader.GetString(0), reader.GetString(1)));
        }

        return applied;
    }
}
