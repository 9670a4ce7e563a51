using System.Net;
using System.Text.Json;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// Issue 6, point 5: <c>/readyz</c> follows what each service needs. The catalog is not ready without its database.
/// The gateway stays ready through a database outage while its ledger journal can be written (calls are still
/// accounted for, and the answer says the database is unreachable), and is not ready once neither can take a record.
/// </summary>
public class ReadinessTests(FaultCity city) : IClassFixture<FaultCity>
{
    [Fact]
    public async Task PostgresStops_CatalogTurnsNotReady_GatewayOnlyWhenItsJournalCannotBeWrittenEither()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var gateway = new Uri(city.Gateway, "/readyz");
        var catalog = new Uri(city.Catalog, "/readyz");

        var ready = await ProbeAsync(http, gateway);
        Assert.Equal(HttpStatusCode.OK, ready.Status);
        Assert.Equal("reachable", ready.Body.GetProperty("database").GetString());
        Assert.Equal("writable", ready.Body.GetProperty("journal").GetString());
        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(http, catalog)).Status);

        city.Server.Stop();
        try
        {
            var catalogDown = await ProbeAsync(http, catalog);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, catalogDown.Status);
            Assert.Equal("database_unavailable", catalogDown.Body.GetProperty("code").GetString());
            Assert.Equal("https://datagateway.local/problems/database_unavailable", catalogDown.Body.GetProperty("type").GetString());
            Assert.Equal(32, catalogDown.Body.GetProperty("requestId").GetString()!.Length);

            var degraded = await ProbeAsync(http, gateway);
            Assert.Equal(HttpStatusCode.OK, degraded.Status);
            Assert.Equal("unreachable", degraded.Body.GetProperty("database").GetString());
            Assert.Equal("writable", degraded.Body.GetProperty("journal").GetString());

            // The journal's place taken by a plain file: no new journal file can be made there.
            Directory.Delete(city.JournalDirectory, recursive: true);
            await File.WriteAllTextAsync(city.JournalDirectory, "not a directory");
            var down = await ProbeAsync(http, gateway);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, down.Status);
            Assert.Equal("ledger_unavailable", down.Body.GetProperty("code").GetString());
            Assert.Equal("https://datagateway.local/problems/ledger_unavailable", down.Body.GetProperty("type").GetString());
            Assert.Equal(32, down.Body.GetProperty("requestId").GetString()!.Length);
            Assert.Equal("not_writable", down.Body.GetProperty("journal").GetString());
        }
        finally
        {
            File.Delete(city.JournalDirectory);
            city.Server.Start();
        }

        Assert.Equal(HttpStatusCode.OK, (await ProbeAsync(http, catalog)).Status);
        var back = await ProbeAsync(http, gateway);
        Assert.Equal(HttpStatusCode.OK, back.Status);
        Assert.Equal("reachable", back.Body.GetProperty("database").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ProbeAsync(HttpClient http, Uri url)
    {
        using var response = await http.GetAsync(url);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.Clone());
    }
}
