using System.Net;
using DataGateway.Testing;
using Npgsql;

namespace DataGateway.Catalog.Tests.Hosting;

/// <summary>
/// Issue 12, point 1: the catalog's probes over HTTP, without a token: <c>/healthz</c> alive, <c>/readyz</c> ready with
/// the catalog's version while its database answers, and 503 with a code while the database refuses.
/// </summary>
public class HealthEndpointsTests(CatalogProcess catalog) : IClassFixture<CatalogProcess>
{
    [Fact]
    public async Task Healthz_WithoutToken_AnswersAlive()
    {
        using var anonymous = catalog.Client(null);

        var health = await (await anonymous.GetAsync("/healthz")).JsonAsync();

        Assert.Equal("alive", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Readyz_AfterACatalogWrite_AnswersTheNewVersion()
    {
        using var anonymous = catalog.Client(null);
        var before = await (await anonymous.GetAsync("/readyz")).JsonAsync();

        await catalog.AdminPostAsync("/v1/organizations", new { id = "dept-ready-" + Guid.NewGuid().ToString("N")[..8], name = "就绪测试", kind = "department" });
        var after = await (await anonymous.GetAsync("/readyz")).JsonAsync();

        Assert.Equal("ready", before.GetProperty("status").GetString());
        Assert.True(after.GetProperty("catalogVersion").GetInt64() > before.GetProperty("catalogVersion").GetInt64(), $"{before} then {after}");
    }

    [Fact]
    public async Task Readyz_DatabaseRefuses_Answers503WithACode()
    {
        using var anonymous = catalog.Client(null);
        await SqlAsync("alter table mt_events rename to mt_events_moved_away");
        HttpResponseMessage refused;
        try
        {
            refused = await anonymous.GetAsync("/readyz");
        }
        finally
        {
            await SqlAsync("alter table mt_events_moved_away rename to mt_events");
        }

        await refused.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, "database_unavailable");
        Assert.Equal("ready", (await (await anonymous.GetAsync("/readyz")).JsonAsync()).GetProperty("status").GetString());
    }

    private async Task SqlAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(catalog.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
