using System.Net;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Hosting;

/// <summary>
/// Issue 13, point 1: two catalog replicas starting at once on an empty database both come up — the hand-written
/// migrations and Marten's own schema objects are applied under advisory locks, and the admin organization is
/// registered once, not twice.
/// </summary>
public class ReplicaStartTests(PostgresDatabase database) : IClassFixture<PostgresDatabase>
{
    [Fact]
    public async Task Start_TwoReplicasAtOnceOnAnEmptyDatabase_BothServeOneAdminOrganization()
    {
        using var tokens = new TestTokens();
        var ports = new[] { FreePorts.Next(), FreePorts.Next() };
        var replicas = ports.Select(port => ManagedProcess.Start("catalog/DataGateway.Catalog", [], new Dictionary<string, string>(tokens.Settings)
        {
            ["DataGateway__Catalog__ConnectionString"] = database.ConnectionString,
            ["Urls"] = $"http://127.0.0.1:{port}",
        })).ToList();
        try
        {
            await Task.WhenAll(ports.Select((port, i) => replicas[i].WaitUntilReadyAsync($"http://127.0.0.1:{port}/readyz")));

            foreach (var port in ports)
            {
                using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
                client.DefaultRequestHeaders.Authorization = new("Bearer", tokens.Admin());
                var history = await (await client.GetAsync("/v1/organizations/admin/history")).JsonAsync();
                Assert.Equal(["created"], history.EnumerateArray().Select(e => e.GetProperty("action").GetString()));
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/v1/organizations/admin")).StatusCode);
            }
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }
}
