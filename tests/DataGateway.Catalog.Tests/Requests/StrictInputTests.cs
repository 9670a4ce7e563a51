using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Requests;

/// <summary>
/// A control-plane body means one thing or is refused: duplicate members (also escaped or in another case), unknown
/// members, wrong types and refused characters each get 400 with a stable code naming the member, and change nothing.
/// </summary>
public sealed class StrictInputTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    public static TheoryData<string, string, string> Organizations() => new()
    {
        { """{"id":"op-dup","name":"重复","kind":"operator","kind":"admin"}""", "json_duplicate_member", "kind" },
        { """{"id":"op-dup","name":"重复","kind":"operator","\u006bind":"admin"}""", "json_duplicate_member", "kind" },
        { """{"id":"op-dup","name":"重复","kind":"operator","Kind":"admin"}""", "json_duplicate_member", "kind" },
        { """{"id":"op-dup","name":"重复","KIND":"admin","kind":"operator"}""", "json_duplicate_member", "kind" },
        { """{"id":"op-dup","name":"重复","kind":"operator","licensedDomains":["finance"],"licenseddomains":[]}""", "json_duplicate_member", "licensedDomains" },
        { """{"id":"op-dup","name":"重复","kind":"operator","role":"admin"}""", "json_unknown_member", "role" },
        { """{"id":"op-dup","name":"重复","kind":"operator","ｋｉｎｄ":"admin"}""", "json_unknown_member", "ｋｉｎｄ" },
        { """{"id":"op-dup","name":"重复","kind":5}""", "json_wrong_type", "kind" },
        { """{"id":"op-dup","name":"重复","kind":"operator","licensedDomains":"finance"}""", "json_wrong_type", "licensedDomains" },
        { """{"id":"op-dup","name":"重复","kind":"operator","licensedDomains":[1]}""", "json_wrong_type", "licensedDomains[0]" },
        { """["id","op-dup"]""", "json_wrong_type", "" },
        { """{"id":"op-dup","name":"a\u0000b","kind":"operator"}""", "text_forbidden_character", "name" },
        { """{"id":"op-dup","name":"a\u0007b","kind":"operator"}""", "text_forbidden_character", "name" },
        { """{"id":"op-dup","name":"a\u007fb","kind":"operator"}""", "text_forbidden_character", "name" },
        { """{"id":"op-dup","name":"a\u0085b","kind":"operator"}""", "text_forbidden_character", "name" },
        { """{"id":"op-dup","name":"银行\u202e行银","kind":"operator"}""", "text_forbidden_character", "name" },
        { """{"id":"op-dup","name":"a\u2066b","kind":"operator"}""", "text_forbidden_character", "name" },
        { """{"id":"op-dup","name":"a\ud800b","kind":"operator"}""", "text_forbidden_character", "name" },
        { """{"id":"op-dup","name":"a\udc00","kind":"operator"}""", "text_forbidden_character", "name" },
        { """{"id":"op-dup\u0000","name":"重复","kind":"operator"}""", "text_forbidden_character", "id" },
        { """{"id":"op-dup","name":"重复","kind":"operator","licensedDomains":["fin\u0000ance"]}""", "text_forbidden_character", "licensedDomains[0]" },
        { """{"id":"op-dup","name":"重复","kind":"operator",}""", "json_malformed", "" },
        { """{"id":"op-dup","name":"重复","kind":"operator"} {}""", "json_malformed", "" },
        { """{"id":"op-dup","name":"重复" /* note */,"kind":"operator"}""", "json_malformed", "" },
    };

    [Theory]
    [MemberData(nameof(Organizations))]
    public async Task CreateOrganization_AmbiguousOrBadBody_Is400NamingTheMemberAndChangesNothing(string body, string code, string member)
    {
        var before = await CatalogVersionAsync();
        using var admin = catalog.Admin();

        var response = await admin.PostAsync("/v1/organizations", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.Equal(member, problem.GetProperty("member").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/organizations/op-dup")).StatusCode);
        Assert.Equal(before, await CatalogVersionAsync());
    }

    [Fact]
    public async Task CreateOrganization_BodyNotUtf8_Is400JsonMalformed()
    {
        using var admin = catalog.Admin();
        var bytes = Encoding.UTF8.GetBytes("""{"id":"op-dup","name":"XX","kind":"operator"}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xC3;

        var response = await admin.PostAsync("/v1/organizations", new ByteArrayContent(bytes) { Headers = { ContentType = new("application/json") } });

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "json_malformed");
    }

    [Fact]
    public async Task CreateOrganization_CleanBodyInOtherCase_IsStillAccepted()
    {
        // Names still bind case-insensitively; only saying one twice is refused.
        using var admin = catalog.Admin();
        var response = await admin.PostAsync("/v1/organizations",
            new StringContent("""{"ID":"op-cased","Name":"大小写","KIND":"operator"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task CreateDataset_UnknownMemberInsideAField_Is400NamingItsPath()
    {
        using var admin = catalog.Admin();
        var body = JsonSerializer.SerializeToNode(SeededCatalog.Dataset("strict-nested", "嵌套", "finance", "conditional", open: false))!.AsObject();
        body["fields"]![1]!["levle"] = "L1";

        var response = await admin.PostAsJsonAsync("/v1/datasets", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "json_unknown_member");
        Assert.Equal("fields[1].levle", problem.GetProperty("member").GetString());
    }

    [Theory]
    [InlineData("queryPrice", "\"0.10\"", "json_wrong_type")]
    [InlineData("queryPrice", "1e400", "json_wrong_type")]
    [InlineData("openForOperation", "\"true\"", "json_wrong_type")]
    [InlineData("description", "\"说明\\u0000\"", "text_forbidden_character")]
    [InlineData("title", "\"房屋\\u200f信息\"", "text_forbidden_character")]
    public async Task CreateDataset_BadMemberValue_Is400NamingIt(string member, string json, string code)
    {
        using var admin = catalog.Admin();
        var body = JsonSerializer.SerializeToNode(SeededCatalog.Dataset("strict-value", "值", "finance", "conditional", open: false))!.AsObject();
        body[member] = JsonNode.Parse(json);

        var response = await admin.PostAsJsonAsync("/v1/datasets", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.Equal(member, problem.GetProperty("member").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/datasets/strict-value")).StatusCode);
    }

    [Theory]
    [InlineData("secret", "SECRET")]
    [InlineData("owner_name", "Owner_Name")]
    [InlineData("loc.lng", "LOC.lng")]
    public async Task CreateDataset_FieldNamesDifferingOnlyByCase_Is400AndNotStored(string first, string second)
    {
        using var admin = catalog.Admin();
        var body = JsonSerializer.SerializeToNode(SeededCatalog.Dataset("strict-case", "大小写字段", "finance", "conditional", open: false))!.AsObject();
        var fields = body["fields"]!.AsArray();
        fields.Add(new JsonObject { ["name"] = first, ["title"] = "秘密", ["level"] = "L4" });
        fields.Add(new JsonObject { ["name"] = second, ["title"] = "公开", ["level"] = "L1" });

        var response = await admin.PostAsJsonAsync("/v1/datasets", body);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.True(problem.GetProperty("errors").TryGetProperty($"fields[{fields.Count - 1}].name", out _), problem.ToString());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/datasets/strict-case")).StatusCode);
    }

    [Fact]
    public async Task CreateDataset_FieldInsideACaseVariantOfAnother_Is400()
    {
        using var admin = catalog.Admin();
        var body = JsonSerializer.SerializeToNode(SeededCatalog.Dataset("strict-parent", "父子字段", "finance", "conditional", open: false))!.AsObject();
        body["fields"]!.AsArray().Add(new JsonObject { ["name"] = "Loc", ["title"] = "位置", ["level"] = "L1" });
        body["fields"]!.AsArray().Add(new JsonObject { ["name"] = "loc.lng", ["title"] = "经度", ["level"] = "L1" });

        var response = await admin.PostAsJsonAsync("/v1/datasets", body);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Theory]
    [InlineData("/v1/datasets?q=%00", "q")]
    [InlineData("/v1/datasets?q=a%C2%85b", "q")]
    [InlineData("/v1/datasets?owner=dept%E2%80%AEhousing", "owner")]
    [InlineData("/v1/ledger?caller=op%00", "caller")]
    [InlineData("/v1/datasets/housing%01", "path")]
    public async Task AnyEndpoint_ControlCharacterInPathOrQuery_Is400NotAServerError(string url, string member)
    {
        using var admin = catalog.Admin();

        var problem = await (await admin.GetAsync(url)).AssertProblemAsync(HttpStatusCode.BadRequest, "text_forbidden_character");

        Assert.Equal(member, problem.GetProperty("member").GetString());
    }

    [Fact]
    public async Task AnyEndpoint_NulInPath_Is400()
    {
        // Kestrel refuses a NUL in the path itself, before the application sees the request (so without a body).
        using var admin = catalog.Admin();

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/v1/organizations/admin%00")).StatusCode);
    }

    [Fact]
    public async Task CreateOrganization_EmptyBody_Is400JsonMalformed()
    {
        // A required body that is absent is named as such rather than answered with the framework's generic 400.
        using var admin = catalog.Admin();
        var response = await admin.PostAsync("/v1/organizations", new StringContent("", Encoding.UTF8, "application/json"));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "json_malformed");
    }

    private async Task<long> CatalogVersionAsync()
    {
        using var client = catalog.Client(null);
        return (await (await client.GetAsync("/readyz")).JsonAsync()).GetProperty("catalogVersion").GetInt64();
    }
}
