using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Organizations;

/// <summary>
/// Issue 13, point 1: organizations are Marten streams. The history is the stream, the ETag is the stream's version,
/// If-Match is the expected version, and concurrent writers of one organization get 409 or 412 rather than a 500 or
/// a lost write. Each test writes organizations of its own.
/// </summary>
public class OrganizationStreamTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task History_IsTheOrganizationsStreamInMartensEventTable()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/organizations", new { id = "op-streamed", name = "流机构", kind = "operator" });
        (await Put(admin, "op-streamed", "\"1\"", new { name = "流机构（改）", kind = "operator", licensedDomains = new[] { "finance" } })).EnsureSuccessStatusCode();

        var history = (await (await admin.GetAsync("/v1/organizations/op-streamed/history")).JsonAsync()).EnumerateArray().ToList();

        var stored = await catalog.EventsAsync("op-streamed");
        Assert.Equal(stored.Select(e => e.Seq), history.Select(e => e.GetProperty("seq").GetInt64()));
        Assert.Equal([1L, 2L], history.Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal(["organization_registered", "organization_changed"], stored.Select(e => e.Type));
        // Who, when and what changed are in the stored event itself.
        Assert.All(stored, e => Assert.Equal("admin", e.Data.GetProperty("actor").GetString()));
        Assert.All(stored, e => Assert.True(e.Data.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UnixEpoch));
        Assert.Equal("流机构（改）", stored[1].Data.GetProperty("name").GetString());
        Assert.Equal(["finance"], history[1].GetProperty("change").GetProperty("licensedDomains").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal("流机构", history[1].GetProperty("before").GetProperty("name").GetString());
        Assert.Equal(2, history[1].GetProperty("after").GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task ETag_AfterEachChange_IsTheStreamVersion()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/organizations", new { id = "op-versioned", name = "版本机构", kind = "operator" });
        for (var version = 1; version <= 3; version++)
        {
            (await Put(admin, "op-versioned", $"\"{version}\"", new { name = $"版本机构{version}", kind = "operator" })).EnsureSuccessStatusCode();
        }

        var read = await admin.GetAsync("/v1/organizations/op-versioned");

        Assert.Equal("\"4\"", read.Headers.ETag?.Tag);
        Assert.Equal(4L, await catalog.ScalarAsync("select version from mt_streams where id = 'op-versioned'"));
        Assert.Equal(4L, (await read.JsonAsync()).GetProperty("rowVersion").GetInt64());
    }

    [Fact]
    public async Task Create_AfterDelete_ContinuesTheStreamAndItsVersions()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/organizations", new { id = "op-returning", name = "回归机构", kind = "operator" });
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/v1/organizations/op-returning")).StatusCode);

        var again = await admin.PostAsJsonAsync("/v1/organizations", new { id = "op-returning", name = "回归机构（再）", kind = "operator" });

        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("\"3\"", again.Headers.ETag?.Tag);
        // A stale ETag from the organization's first life is refused, not taken as "any version".
        await (await Put(admin, "op-returning", "\"1\"", new { name = "过时", kind = "operator" })).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        var history = (await (await admin.GetAsync("/v1/organizations/op-returning/history")).JsonAsync()).EnumerateArray();
        Assert.Equal(["created", "deleted", "created"], history.Select(e => e.GetProperty("action").GetString()));
    }

    [Fact]
    public async Task Create_ManyAtOnceWithOneId_OneIsCreatedTheRestAre409()
    {
        using var admin = catalog.Admin();

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            admin.PostAsJsonAsync("/v1/organizations", new { id = "op-raced", name = $"竞争{i}", kind = "operator" })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
        {
            await refused.AssertProblemAsync(HttpStatusCode.Conflict, "already_exists");
        }

        Assert.Equal(1L, await catalog.ScalarAsync("select version from mt_streams where id = 'op-raced'"));
    }

    [Fact]
    public async Task Update_ManyAtOnceWithOneIfMatch_OneWinsTheRestAre412()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/organizations", new { id = "op-contended", name = "争用机构", kind = "operator" });

        var answers = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Put(admin, "op-contended", "\"1\"", new { name = $"争用{i}", kind = "operator" })));

        var winner = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var refused in answers.Where(a => a != winner))
        {
            await refused.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        }

        var now = await (await admin.GetAsync("/v1/organizations/op-contended")).JsonAsync();
        Assert.Equal((await winner.JsonAsync()).GetProperty("name").GetString(), now.GetProperty("name").GetString());
        Assert.Equal(2L, await catalog.ScalarAsync("select version from mt_streams where id = 'op-contended'"));
    }

    [Theory]
    [InlineData("\"0\"")]
    [InlineData("\"2\"")]
    [InlineData("\"01\"")]
    [InlineData("\"1 \"")]
    [InlineData("W/\"x\"")]
    [InlineData("W/\"1\"")]
    public async Task Update_IfMatchNotTheStreamVersion_Is412AndAppendsNothing(string ifMatch)
    {
        using var admin = catalog.Admin();
        var id = "op-ifmatch-" + Guid.NewGuid().ToString("N")[..8];
        await catalog.AdminPostAsync("/v1/organizations", new { id, name = "条件机构", kind = "operator" });

        await (await Put(admin, id, ifMatch, new { name = "不该写入", kind = "operator" })).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");

        Assert.Equal(1L, await catalog.ScalarAsync($"select version from mt_streams where id = '{id}'"));
        Assert.Equal("条件机构", (await (await admin.GetAsync($"/v1/organizations/{id}")).JsonAsync()).GetProperty("name").GetString());
    }

    private static async Task<HttpResponseMessage> Put(HttpClient client, string id, string ifMatch, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, $"/v1/organizations/{id}") { Content = JsonContent.Create(body) };
        request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        return await client.SendAsync(request);
    }
}
