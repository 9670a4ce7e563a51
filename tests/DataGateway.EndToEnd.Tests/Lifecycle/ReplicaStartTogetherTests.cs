using System.Net;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.EndToEnd.Tests.Lifecycle;

/// <summary>
/// Issue 16, point 3 (migrations once): the catalog and two gateway replicas started at the same moment on an empty
/// database all become ready — the platform's one schema lock orders their migrations, each applied once, and the
/// gateways wait for the catalog's schema before their first load — and each gateway then meters a call.
/// (Catalog replicas alone: <c>DataGateway.Catalog.Tests.Hosting.ReplicaStartTests</c>.)
/// </summary>
public class ReplicaStartTogetherTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    private const string Issuer = "https://demo-issuer.datagateway.local";
    private const string Audience = "datagateway";

    [Fact]
    public async Task Start_CatalogAndTwoGatewaysAtOnceOnAnEmptyDatabase_AllReadyAndEachMigrationOnce()
    {
        var directory = Directory.CreateTempSubdirectory("datagateway-replicas-").FullName;
        var processes = new List<ManagedProcess>();
        try
        {
            await ManagedProcess.RunAsync("demo/DataGateway.Demo", ["keys", "--out", directory, "--issuer", Issuer, "--audience", Audience]);
            var keys = Path.Combine(directory, "keys");
            var catalog = new Uri($"http://127.0.0.1:{FreePorts.Next()}");
            var gateways = new[] { new Uri($"http://127.0.0.1:{FreePorts.Next()}"), new Uri($"http://127.0.0.1:{FreePorts.Next()}") };
            var identity = new Dictionary<string, string>
            {
                ["DataGateway__Identity__Issuer"] = Issuer,
                ["DataGateway__Identity__Audience"] = Audience,
                ["DataGateway__Identity__SigningKeyFiles__0"] = Path.Combine(keys, "issuer.pub.pem"),
            };
            processes.Add(ManagedProcess.Start("catalog/DataGateway.Catalog", [], new Dictionary<string, string>(identity)
            {
                ["DataGateway__Catalog__ConnectionString"] = database.ConnectionString,
                ["Urls"] = catalog.ToString(),
            }));
            processes.AddRange(gateways.Select((url, i) => ManagedProcess.Start("gateway/DataGateway.Gateway", [], new Dictionary<string, string>(identity)
            {
                ["DataGateway__Gateway__ConnectionString"] = database.ConnectionString,
                ["DataGateway__Gateway__MaskHashKey"] = File.ReadAllText(Path.Combine(keys, "mask-hash.key")).Trim(),
                ["DataGateway__Ledger__JournalDirectory"] = Path.Combine(directory, "journal-" + i),
                ["DataGateway__Ledger__InstanceName"] = "together-" + i,
                ["Urls"] = url.ToString(),
            })));

            var urls = gateways.Prepend(catalog).ToList();
            await Task.WhenAll(processes.Select((process, i) => process.WaitUntilReadyAsync(new Uri(urls[i], "/readyz").ToString(), TimeSpan.FromSeconds(120))));

            var token = File.ReadAllText(Path.Combine(directory, "tokens", "admin.jwt")).Trim();
            foreach (var gateway in gateways)
            {
                using var client = DemoCity.Client(gateway, token);
                using var response = await client.GetAsync("/api/no-such-dataset");
                await response.AssertProblemAsync(HttpStatusCode.NotFound, "dataset_unknown");
            }

            await using var connection = new NpgsqlConnection(database.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("select count(*), count(distinct owner), (select count(*) from ledger_records where caller_org = 'admin') from schema_migrations", connection);
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            Assert.True(reader.GetInt64(1) >= 2, $"Only {reader.GetInt64(1)} schema owners migrated.");
            Assert.Equal(gateways.Length, reader.GetInt64(2));
            using var admin = DemoCity.Client(catalog, token);
            var history = await (await admin.GetAsync("/v1/organizations/admin/history")).JsonAsync();
            Assert.Equal(["created"], history.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }

            Directory.Delete(directory, recursive: true);
        }
    }
}
