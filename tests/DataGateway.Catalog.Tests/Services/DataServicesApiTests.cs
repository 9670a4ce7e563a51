using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Services;

/// <summary>
/// Issue 12, point 1: <c>/v1/services</c> over HTTP — the departments' upstream addresses, for admins only: the list,
/// one service, writes with ETags, deletion, history. Each test writes services of its own.
/// </summary>
public class DataServicesApiTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task List_Admin_AnswersEveryServiceInIdOrderWithItsAddresses()
    {
        using var admin = catalog.Admin();
        await catalog.AdminPostAsync("/v1/services", new
        {
            id = "svc-list-districts", ownerId = "dept-housing", timeoutMs = 2500,
            districtAddresses = new Dictionary<string, string> { ["310104"] = "http://127.0.0.1:9/xuhui/", ["310101"] = "https://huangpu.example/api" },
        });

        var all = (await (await admin.GetAsync("/v1/services")).JsonAsync()).EnumerateArray().ToList();

        var ids = all.Select(s => s.GetProperty("id").GetString()!).ToList();
        Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
        Assert.Contains("svc-housing", ids);
        var split = all.Single(s => s.GetProperty("id").GetString() == "svc-list-districts");
        Assert.Equal("dept-housing", split.GetProperty("ownerId").GetString());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, split.GetProperty("baseAddress").ValueKind);
        // Stored without the trailing slash, so paths join the same way for every address.
        Assert.Equal(new Dictionary<string, string> { ["310101"] = "https://huangpu.example/api", ["310104"] = "http://127.0.0.1:9/xuhui" },
            split.GetProperty("districtAddresses").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!));
        Assert.Equal(2500, split.GetProperty("timeoutMs").GetInt32());
        var housing = await (await admin.GetAsync("/v1/services/svc-housing")).JsonAsync();
        Assert.Equal(("http://127.0.0.1:9", 10_000), (housing.GetProperty("baseAddress").GetString(), housing.GetProperty("timeoutMs").GetInt32()));
    }

    [Fact]
    public async Task Write_WithETags_UpdatesDeletesAndIsInTheHistory()
    {
        using var admin = catalog.Admin();
        var created = await admin.PostAsJsonAsync("/v1/services", new { id = "svc-lifecycle", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9/v1/" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/v1/services/svc-lifecycle", created.Headers.Location?.ToString());
        Assert.Equal("http://127.0.0.1:9/v1", (await created.JsonAsync(HttpStatusCode.Created)).GetProperty("baseAddress").GetString());

        var moved = await SendAsync(admin, HttpMethod.Put, "/v1/services/svc-lifecycle", "\"1\"", new { ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9/v2", timeoutMs = 500 });
        var stale = await SendAsync(admin, HttpMethod.Put, "/v1/services/svc-lifecycle", "\"1\"", new { ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9/old" });

        var after = await moved.JsonAsync();
        Assert.Equal(("http://127.0.0.1:9/v2", 500, 2L), (after.GetProperty("baseAddress").GetString(), after.GetProperty("timeoutMs").GetInt32(), after.GetProperty("rowVersion").GetInt64()));
        Assert.Equal("\"2\"", moved.Headers.ETag?.Tag);
        await stale.AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal("\"2\"", (await admin.GetAsync("/v1/services/svc-lifecycle")).Headers.ETag?.Tag);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/v1/services/svc-lifecycle")).StatusCode);
        await (await admin.GetAsync("/v1/services/svc-lifecycle")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        var history = (await (await admin.GetAsync("/v1/services/svc-lifecycle/history")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["created", "updated", "deleted"], history.Select(e => e.GetProperty("action").GetString()));
        Assert.Equal("http://127.0.0.1:9/v1", history[1].GetProperty("before").GetProperty("baseAddress").GetString());
        Assert.Equal("http://127.0.0.1:9/v2", history[1].GetProperty("after").GetProperty("baseAddress").GetString());
    }

    [Theory]
    [InlineData("{\"id\":\"svc-bad\",\"ownerId\":\"dept-housing\"}", "baseAddress")]
    [InlineData("{\"id\":\"svc-bad\",\"ownerId\":\"dept-housing\",\"baseAddress\":\"ftp://127.0.0.1/\"}", "baseAddress")]
    [InlineData("{\"id\":\"svc-bad\",\"ownerId\":\"dept-housing\",\"baseAddress\":\"http://127.0.0.1:9/?x=1\"}", "baseAddress")]
    [InlineData("{\"id\":\"svc-bad\",\"ownerId\":\"dept-housing\",\"baseAddress\":\"http://user:pw@127.0.0.1:9/\"}", "baseAddress")]
    [InlineData("{\"id\":\"svc-bad\",\"ownerId\":\"dept-housing\",\"baseAddress\":\"/relative\"}", "baseAddress")]
    [InlineData("{\"id\":\"svc-bad\",\"ownerId\":\"dept-housing\",\"districtAddresses\":{\"31010\":\"http://127.0.0.1:9\"}}", "districtAddresses")]
    [InlineData("{\"id\":\"svc-bad\",\"ownerId\":\"dept-housing\",\"districtAddresses\":{\"310104\":\"not an address\"}}", "districtAddresses")]
    [InlineData("{\"id\":\"svc-bad\",\"ownerId\":\"dept-housing\",\"baseAddress\":\"http://127.0.0.1:9\",\"timeoutMs\":99}", "timeoutMs")]
    [InlineData("{\"id\":\"svc-bad\",\"ownerId\":\"dept-housing\",\"baseAddress\":\"http://127.0.0.1:9\",\"timeoutMs\":300001}", "timeoutMs")]
    [InlineData("{\"id\":\"svc-bad\",\"ownerId\":\"op-bank\",\"baseAddress\":\"http://127.0.0.1:9\"}", "ownerId")]
    [InlineData("{\"id\":\"svc-bad\",\"ownerId\":\"dept-nobody\",\"baseAddress\":\"http://127.0.0.1:9\"}", "ownerId")]
    [InlineData("{\"id\":\"SVC BAD\",\"ownerId\":\"dept-housing\",\"baseAddress\":\"http://127.0.0.1:9\"}", "id")]
    public async Task Create_BadBody_Answers400NamingTheFieldAndSavesNothing(string body, string field)
    {
        using var admin = catalog.Admin();

        var response = await admin.PostAsync("/v1/services", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
        await (await admin.GetAsync("/v1/services/svc-bad")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
    }

    [Fact]
    public async Task Write_Conflicting_IsRefusedAndChangesNothing()
    {
        using var admin = catalog.Admin();

        await (await admin.PostAsJsonAsync("/v1/services", new { id = "svc-housing", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:10" })).AssertProblemAsync(HttpStatusCode.Conflict, "already_exists");
        await (await admin.PutAsJsonAsync("/v1/services/svc-housing", new { id = "svc-other", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:10" })).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await admin.PutAsJsonAsync("/v1/services/svc-nobody", new { ownerId = "dept-housing", baseAddress = "http://127.0.0.1:10" })).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        // Datasets are served by it.
        await (await admin.DeleteAsync("/v1/services/svc-housing")).AssertProblemAsync(HttpStatusCode.Conflict, "in_use");

        var housing = await (await admin.GetAsync("/v1/services/svc-housing")).JsonAsync();
        Assert.Equal(("http://127.0.0.1:9", 1L), (housing.GetProperty("baseAddress").GetString(), housing.GetProperty("rowVersion").GetInt64()));
    }

    [Fact]
    public async Task Any_ByNonAdmin_IsForbidden_AddressesAreInternal()
    {
        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));
        using var district = catalog.Client(catalog.Tokens.District("310104"));

        foreach (var client in new[] { bank, district })
        {
            await (await client.GetAsync("/v1/services")).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
            await (await client.GetAsync("/v1/services/svc-housing")).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
            await (await client.GetAsync("/v1/services/svc-housing/history")).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
            await (await client.PostAsJsonAsync("/v1/services", new { id = "svc-mine", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9" })).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
            await (await client.PutAsJsonAsync("/v1/services/svc-housing", new { ownerId = "dept-housing", baseAddress = "http://evil.example" })).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
            await (await client.DeleteAsync("/v1/services/svc-housing")).AssertProblemAsync(HttpStatusCode.Forbidden, "admin_required");
        }

        using var admin = catalog.Admin();
        Assert.Equal("http://127.0.0.1:9", (await (await admin.GetAsync("/v1/services/svc-housing")).JsonAsync()).GetProperty("baseAddress").GetString());
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string ifMatch, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        return await client.SendAsync(request);
    }
}
