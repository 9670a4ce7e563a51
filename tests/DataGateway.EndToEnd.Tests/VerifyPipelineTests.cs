using System.Net;
using System.Text;
using DataGateway.Testing;
using Microsoft.AspNetCore.Http;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// One pipeline, not two (issue 12, point 16): verify asks the upstream as the data API does (path, query, district
/// push-down, gateway headers including the caller's district) and counts only records the data API would return.
/// </summary>
public class VerifyPipelineTests(ProbeCity city) : IClassFixture<ProbeCity>
{
    /// <summary>
    /// 徐汇区's view of an upstream page: a clean record of its own, two that list the district twice (in both orders),
    /// one whose match field is given twice, one of another district, and one escaping its keys.
    /// </summary>
    private const string Records =
        """
        [
          {"id":1,"name":"甲","district_code":"310104"},
          {"id":2,"name":"甲","district_code":"310101","district_code":"310104"},
          {"id":3,"name":"甲","district_code":"310104","district_code":"310101"},
          {"id":4,"name":"乙","name":"甲","district_code":"310104"},
          {"id":5,"name":"甲","district_code":"310101"},
          {"id":6,"n\u0061me":"甲","district_code":"310104","distr\u0069ct_code":"310104"}
        ]
        """;

    private void Answer(string body) =>
        city.Upstream.Responder = context =>
        {
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(body);
        };

    [Fact]
    public async Task Verify_CountsExactlyTheRowsTheDataApiReturns()
    {
        Answer(Records);
        using var xuhui = city.GatewayClient("district-310104");

        var rows = await (await xuhui.GetAsync("/api/probe?name=%E7%94%B2")).JsonAsync();
        var verified = await (await xuhui.PostAsync("/api/probe/verify", Json("""{"match":{"name":"甲"}}"""))).JsonAsync();

        // This upstream ignores filters: the rows the data API returns with name 甲 are the ones that match.
        var matching = rows.EnumerateArray().Where(r => r.TryGetProperty("name", out var name) && name.GetString() == "甲").ToArray();
        Assert.Equal([1], matching.Select(r => r.GetProperty("id").GetInt32()));
        Assert.Equal(matching.Length, verified.GetProperty("count").GetInt64());
        Assert.True(verified.GetProperty("matched").GetBoolean());
    }

    [Fact]
    public async Task Verify_RecordListingTheDistrictTwice_IsNotCounted()
    {
        Answer("""[{"id":2,"name":"甲","district_code":"310101","district_code":"310104"}]""");
        using var xuhui = city.GatewayClient("district-310104");

        var verified = await (await xuhui.PostAsync("/api/probe/verify", Json("""{"match":{"name":"甲"}}"""))).JsonAsync();

        Assert.Equal(0, verified.GetProperty("count").GetInt64());
        Assert.False(verified.GetProperty("matched").GetBoolean());
    }

    [Fact]
    public async Task Verify_AsksTheUpstreamAsTheDataApiDoes()
    {
        Answer("[]");
        using var xuhui = city.GatewayClient("district-310104");
        city.Upstream.Requests.Clear();

        (await xuhui.GetAsync("/api/probe?name=%E7%94%B2")).EnsureSuccessStatusCode();
        (await xuhui.PostAsync("/api/probe/verify", Json("""{"match":{"name":"甲"}}"""))).EnsureSuccessStatusCode();

        var requests = city.Upstream.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        var (proxied, verify) = (requests[0], requests[1]);
        Assert.Equal(proxied.Path, verify.Path);
        Assert.Equal("310104", verify.Headers["X-DataGateway-Caller-District"]);
        Assert.Equal(Gateway(proxied), Gateway(verify));
        var query = Query(verify);
        Assert.Equal("甲", query["name"]);
        Assert.Equal("310104", query["district_code"]);
        Assert.Equal("1", query["page"]);
        Assert.Equal(Query(proxied)["size"], query["size"]);
        Assert.Equal(Query(proxied)["district_code"], query["district_code"]);
    }

    [Theory]
    [InlineData("""{"match":{"name":"甲","name":"乙"}}""", "verify_member_duplicate")]
    [InlineData("""{"match":{"name":"甲","n\u0061me":"乙"}}""", "verify_member_duplicate")]
    [InlineData("""{"match":{"name":"甲"},"match":{"name":"乙"}}""", "verify_member_duplicate")]
    [InlineData("""{"m\u0061tch":{"name":"甲"},"match":{"name":"乙"}}""", "verify_member_duplicate")]
    [InlineData("""{"match":{"name":"甲"},"extra":true}""", "verify_member_unknown")]
    [InlineData("""{"Match":{"name":"甲"}}""", "verify_member_unknown")]
    [InlineData("""{"match":{"name":"甲"},"district":"310101"}""", "verify_member_unknown")]
    public async Task Verify_DuplicateOrUnknownMember_Is400WithItsCode(string body, string code)
    {
        Answer(Records);
        using var xuhui = city.GatewayClient("district-310104");
        city.Upstream.Requests.Clear();

        var response = await xuhui.PostAsync("/api/probe/verify", Json(body));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
        Assert.Empty(city.Upstream.Requests);
    }

    [Theory]
    [InlineData("?size=5", "parameter_not_allowed")]
    [InlineData("?district=31010", "parameter_invalid")]
    [InlineData("?district=310104&district=310101", "parameter_invalid")]
    public async Task Verify_BadQuery_Is400(string query, string code)
    {
        using var xuhui = city.GatewayClient("district-310104");

        var response = await xuhui.PostAsync("/api/probe/verify" + query, Json("""{"match":{"name":"甲"}}"""));

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, code);
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>The gateway's own headers as the upstream received them, request id aside (one per call).</summary>
    private static Dictionary<string, string> Gateway(RecordedRequest request) =>
        request.Headers.Where(h => h.Key.StartsWith("X-DataGateway-", StringComparison.OrdinalIgnoreCase))
            .ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value);

    private static Dictionary<string, string> Query(RecordedRequest request) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
}
