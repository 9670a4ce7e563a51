using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;
using static DataGateway.Catalog.Tests.LandingZones.LandingZoneRequests;

namespace DataGateway.Catalog.Tests.LandingZones;

/// <summary>
/// Issue 14, point 1: a district organization's landing zone over HTTP — created and replaced by PUT with its ETag,
/// read, deleted, its history; only districts have one, one per district, and an organization with a zone keeps its
/// kind and district. Each test uses a district of its own.
/// </summary>
public class LandingZonesApiTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Fact]
    public async Task Put_New_Answers201WithTheViewAndItsETag_AndGetAnswersTheSame()
    {
        using var admin = catalog.Admin();

        var created = await admin.PutZoneAsync("district-310104", Bearer("https://landing.xuhui.example/returns", "landing-310104"));

        var view = await created.JsonAsync(HttpStatusCode.Created);
        Assert.Equal("/v1/organizations/district-310104/landing-zone", created.Headers.Location?.ToString());
        Assert.Equal("\"1\"", created.Headers.ETag?.Tag);
        Assert.Equal(["organizationId", "districtCode", "url", "auth", "batchSize", "rowVersion", "updatedAt"], view.Keys());
        Assert.Equal(("district-310104", "310104", "https://landing.xuhui.example/returns", 1000, 1L),
            (view.GetProperty("organizationId").GetString(), view.GetProperty("districtCode").GetString(), view.GetProperty("url").GetString(),
             view.GetProperty("batchSize").GetInt32(), view.GetProperty("rowVersion").GetInt64()));
        var auth = view.GetProperty("auth");
        Assert.Equal(["kind", "header", "secretRef"], auth.Keys());
        Assert.Equal(("bearer", JsonValueKind.Null, "landing-310104"), (auth.GetProperty("kind").GetString(), auth.GetProperty("header").ValueKind, auth.GetProperty("secretRef").GetString()));

        var read = await admin.GetAsync(PathOf("district-310104"));
        Assert.Equal("\"1\"", read.Headers.ETag?.Tag);
        Assert.Equal(view.ToString(), (await read.JsonAsync()).ToString());
    }

    [Fact]
    public async Task Put_WithIfMatch_ReplacesOnlyTheVersionRead()
    {
        var id = await catalog.DistrictAsync("310101");
        using var admin = catalog.Admin();
        // If-Match on a zone that is not there is 412, never a create.
        await (await admin.PutZoneAsync(id, Bearer("https://huangpu.example/in", "landing-310101"), "\"1\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        await (await admin.PutZoneAsync(id, Bearer("https://huangpu.example/in", "landing-310101"), "*")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        await (await admin.GetAsync(PathOf(id))).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        Assert.Equal(HttpStatusCode.Created, (await admin.PutZoneAsync(id, Bearer("https://huangpu.example/in", "landing-310101"))).StatusCode);

        var header = """{"url":"https://huangpu.example/v2","auth":{"kind":"header","header":"X-Landing-Key","secretRef":"huangpu.key"},"batchSize":250}""";
        var replaced = await admin.PutZoneAsync(id, header, "\"1\"");
        var stale = await admin.PutZoneAsync(id, Bearer("https://evil.example/", "landing-310101"), "\"1\"");

        var after = await replaced.JsonAsync();
        Assert.Equal("\"2\"", replaced.Headers.ETag?.Tag);
        Assert.Equal(("https://huangpu.example/v2", 250, "header", "X-Landing-Key", "huangpu.key"),
            (after.GetProperty("url").GetString(), after.GetProperty("batchSize").GetInt32(), after.GetProperty("auth").GetProperty("kind").GetString(),
             after.GetProperty("auth").GetProperty("header").GetString(), after.GetProperty("auth").GetProperty("secretRef").GetString()));
        await stale.AssertEdgeProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        var read = await admin.GetAsync(PathOf(id));
        Assert.Equal("\"2\"", read.Headers.ETag?.Tag);
        Assert.Equal("https://huangpu.example/v2", (await read.JsonAsync()).GetProperty("url").GetString());
        Assert.Equal(HttpStatusCode.OK, (await admin.PutZoneAsync(id, header, "*")).StatusCode);
    }

    [Fact]
    public async Task Delete_WithETag_RemovesTheZone_HistoryShowsEveryChange_AndTheStreamGoesOn()
    {
        var id = await catalog.DistrictAsync("310105");
        using var admin = catalog.Admin();
        await admin.PutZoneAsync(id, Bearer("https://changning.example/a", "landing-310105"));
        await admin.PutZoneAsync(id, Bearer("https://changning.example/b", "landing-310105", batchSize: 10_000));

        await (await admin.DeleteZoneAsync(id, "\"1\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteZoneAsync(id, "\"2\"")).StatusCode);
        await (await admin.GetAsync(PathOf(id))).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.DeleteZoneAsync(id)).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        var history = (await (await admin.GetAsync(PathOf(id) + "/history")).JsonAsync()).EnumerateArray().ToList();
        Assert.Equal(["created", "updated", "deleted"], history.Select(e => e.GetProperty("action").GetString()));
        Assert.All(history, e => Assert.Equal("admin", e.GetProperty("actor").GetString()));
        Assert.Equal([1L, 2L, 3L], history.Select(e => e.GetProperty("version").GetInt64()));
        Assert.Equal("https://changning.example/a", history[1].GetProperty("before").GetProperty("url").GetString());
        Assert.Equal(10_000, history[1].GetProperty("after").GetProperty("batchSize").GetInt32());
        Assert.Equal(JsonValueKind.Null, history[2].GetProperty("after").ValueKind);

        // Registered again: the stream goes on, so an ETag of its first life can never match.
        var again = await admin.PutZoneAsync(id, Bearer("https://changning.example/c", "landing-310105"));
        Assert.Equal(4L, (await again.JsonAsync(HttpStatusCode.Created)).GetProperty("rowVersion").GetInt64());
        await (await admin.DeleteZoneAsync(id, "\"1\"")).AssertProblemAsync(HttpStatusCode.PreconditionFailed, "precondition_failed");
    }

    [Fact]
    public async Task Missing_OrganizationOrZone_Answers404NamingWhich()
    {
        var id = await catalog.DistrictAsync("310106");
        using var admin = catalog.Admin();
        admin.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var noZone = await (await admin.GetAsync(PathOf(id))).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
        var noOrganization = await (await admin.GetAsync(PathOf("district-nobody"))).AssertEdgeProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.PutZoneAsync("district-nobody", Bearer("https://x.example/", "x"))).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        await (await admin.GetAsync(PathOf(id) + "/history")).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");

        Assert.Equal($"Landing zone '{id}' does not exist.", noZone.GetProperty("detail").GetString());
        Assert.Equal("Organization 'district-nobody' does not exist.", noOrganization.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("dept-housing", "department")]
    [InlineData("op-bank", "operator")]
    [InlineData("admin", "admin")]
    public async Task Put_ForAnOrganizationNotADistrict_Answers409AndSavesNothing(string id, string kind)
    {
        using var admin = catalog.Admin();

        var problem = await (await admin.PutZoneAsync(id, Bearer("https://x.example/", "x"))).AssertEdgeProblemAsync(HttpStatusCode.Conflict, "landing_zone_not_district");

        Assert.Contains(kind, problem.GetProperty("detail").GetString());
        Assert.Equal(0, await catalog.ScalarAsync($"select count(*) from mt_events where stream_id = 'landing-zone:{id}'"));
    }

    [Fact]
    public async Task Put_ForASecondOrganizationOfADistrictWithAZone_Answers409()
    {
        var first = await catalog.DistrictAsync("310107");
        await catalog.AdminPostAsync("/v1/organizations", new { id = "street-310107", name = "某街道", kind = "district", districtCode = "310107" });
        using var admin = catalog.Admin();
        Assert.Equal(HttpStatusCode.Created, (await admin.PutZoneAsync(first, Bearer("https://putuo.example/", "landing-310107"))).StatusCode);

        var problem = await (await admin.PutZoneAsync("street-310107", Bearer("https://street.example/", "street"))).AssertProblemAsync(HttpStatusCode.Conflict, "landing_zone_district_taken");

        Assert.Contains(first, problem.GetProperty("detail").GetString());
        await (await admin.GetAsync(PathOf("street-310107"))).AssertProblemAsync(HttpStatusCode.NotFound, "not_found");
        // Replacing the holder's own zone is no conflict.
        Assert.Equal(HttpStatusCode.OK, (await admin.PutZoneAsync(first, Bearer("https://putuo.example/v2", "landing-310107"))).StatusCode);
    }

    [Fact]
    public async Task Organization_WithAZone_IsNotDeletedNorMovedToAnotherDistrict_UntilTheZoneIsGone()
    {
        var id = await catalog.DistrictAsync("310109");
        using var admin = catalog.Admin();
        await admin.PutZoneAsync(id, Bearer("https://hongkou.example/", "landing-310109"));

        await (await admin.DeleteAsync($"/v1/organizations/{id}")).AssertEdgeProblemAsync(HttpStatusCode.Conflict, "organization_has_landing_zone");
        await (await admin.PutAsJsonAsync($"/v1/organizations/{id}", new { name = "虹口区", kind = "district", districtCode = "310110" })).AssertProblemAsync(HttpStatusCode.Conflict, "organization_has_landing_zone");
        await (await admin.PutAsJsonAsync($"/v1/organizations/{id}", new { name = "虹口区", kind = "department" })).AssertProblemAsync(HttpStatusCode.Conflict, "organization_has_landing_zone");
        var organization = await (await admin.GetAsync($"/v1/organizations/{id}")).JsonAsync();
        Assert.Equal(("310109", 1L), (organization.GetProperty("districtCode").GetString(), organization.GetProperty("rowVersion").GetInt64()));

        // A new name moves no rows anywhere.
        (await admin.PutAsJsonAsync($"/v1/organizations/{id}", new { name = "虹口区人民政府", kind = "district", districtCode = "310109" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteZoneAsync(id)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/v1/organizations/{id}")).StatusCode);
    }
}
