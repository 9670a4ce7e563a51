using DataGateway.Testing;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DataGateway.EndToEnd.Tests;

/// <summary>What reaches the upstream, and what reaches the caller when the upstream misbehaves.</summary>
public class GatewayHygieneTests(ProbeCity city) : IClassFixture<ProbeCity>
{
    private const string Records = """[{"id":1,"name":"甲","district_code":"310104","secret":"S-1"},{"id":2,"name":"乙","district_code":"310101","secret":"S-2"}]""";

    private void Answer(string body, string contentType = "application/json", int status = 200, TimeSpan? delay = null) =>
        city.Upstream.Responder = async context =>
        {
            if (delay is { } wait)
            {
                await Task.Delay(wait);
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            await context.Response.WriteAsync(body);
        };

    [Fact]
    public async Task Forward_StripsCallerCredentialsAndInternalHeadersAndSaysWhoAsks()
    {
        Answer(Records);
        city.Upstream.Requests.Clear();
        using var bank = city.GatewayClient("op-bank");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/probe/sub/path?name=%E7%94%B2&page=2&fields=id,name");
        request.Headers.Add("Cookie", "session=caller-secret");
        request.Headers.Add("X-DataGateway-Caller", "admin");
        request.Headers.Add("X-DataGateway-Grant", "forged");
        request.Headers.Add("X-Request-Id", "caller-chosen");

        var response = await bank.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(city.Upstream.Requests);
        Assert.Equal("/probe/sub/path", forwarded.Path);
        Assert.Contains("name=%E7%94%B2", forwarded.Query);
        Assert.Contains("page=2", forwarded.Query);
        Assert.DoesNotContain("fields=", forwarded.Query);
        Assert.False(forwarded.Headers.ContainsKey("Authorization"));
        Assert.False(forwarded.Headers.ContainsKey("Cookie"));
        Assert.Equal("op-bank", forwarded.Headers["X-DataGateway-Caller"]);
        Assert.Equal("operator", forwarded.Headers["X-DataGateway-Caller-Kind"]);
        Assert.Equal(city.GrantId, forwarded.Headers["X-DataGateway-Grant"]);
        var requestId = response.Headers.GetValues("X-Request-Id").Single();
        Assert.NotEqual("caller-chosen", requestId);
        Assert.Equal(requestId, forwarded.Headers["X-Request-Id"]);
        var rows = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(["id", "name"], rows[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Forward_CallerHeadersOutsideTheAllowList_NeverReachTheUpstream()
    {
        Answer(Records);
        city.Upstream.Requests.Clear();
        using var bank = city.GatewayClient("op-bank");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/probe");
        string[] identityLike =
        [
            "X-District", "X-Caller", "X-Api-Key", "X-Real-IP", "X-Original-URL", "X-Rewrite-URL", "X-HTTP-Method-Override", "X-HTTP-Method",
            "X-Method-Override", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Forwarded-Prefix", "X-Forwarded-Port",
            "X-Forwarded-Server", "Forwarded", "X-Client-IP", "True-Client-IP", "X-User", "X-Remote-User", "X-Auth-Request-User", "X-Org",
            "X-DataGateway-Caller-District", "Origin", "Referer", "User-Agent", "If-None-Match", "If-Modified-Since", "Range", "If-Range",
            "Cache-Control", "Pragma", "Baggage", "X-Correlation-Id",
        ];
        foreach (var name in identityLike)
        {
            request.Headers.TryAddWithoutValidation(name, name == "Range" ? "bytes=0-10" : "310101");
        }

        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("Accept-Language", "zh-CN");
        request.Headers.TryAddWithoutValidation("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        request.Headers.TryAddWithoutValidation("tracestate", "vendor=1");

        var response = await bank.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var forwarded = Assert.Single(city.Upstream.Requests);
        HashSet<string> passed = new(StringComparer.OrdinalIgnoreCase)
        {
            "Host", "Accept", "Accept-Language", "traceparent", "tracestate",
            "X-DataGateway-Caller", "X-DataGateway-Caller-Kind", "X-DataGateway-Grant", "X-Request-Id",
        };
        Assert.Equal([], forwarded.Headers.Keys.Where(k => !passed.Contains(k)).Order());
        Assert.Equal("zh-CN", forwarded.Headers["Accept-Language"]);
        Assert.Equal("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", forwarded.Headers["traceparent"]);
        Assert.NotEqual("310101", forwarded.Headers["Host"]);
    }

    [Theory]
    [InlineData(null, "/api/probe")]
    [InlineData("op-bank", "/api/probe/%2e%2e/housing")]
    [InlineData("op-bank", "/api/probe/..;/housing")]
    [InlineData("op-bank", "/api/probe;jsessionid=1")]
    [InlineData("op-bank", "/api/probe/%3B/x")]
    [InlineData("op-bank", "/api/probe/..%3b/housing")]
    [InlineData("op-bank", "/api/probe/%EF%BC%8E%EF%BC%8E/housing")]
    [InlineData("op-bank", "/api/probe/%EF%BC%8Fhousing")]
    [InlineData("op-bank", "/api/probe/%C0%AE%C0%AE/housing")]
    [InlineData("op-bank", "/api/probe/%09")]
    [InlineData("op-bank", "/api/probe?fields=secret")]
    [InlineData("op-bank", "/api/probe?secret=S-1")]
    [InlineData("op-bank", "/api/probe?sort=secret")]
    [InlineData("op-unlicensed", "/api/probe")]
    public async Task BadRequest_IsNotForwarded(string? organization, string path)
    {
        Answer(Records);
        city.Upstream.Requests.Clear();
        using var client = city.GatewayClient(organization);

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, path) { });

        Assert.True((int)response.StatusCode >= 400);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(city.Upstream.Requests);
    }

    [Fact]
    public async Task UpstreamError_Is502WithoutTheUpstreamsBody()
    {
        Answer("stack trace with SECRET-DETAIL", "text/plain", 500);
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.GetAsync("/api/probe");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadGateway, "upstream_error");
        Assert.DoesNotContain("SECRET-DETAIL", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UpstreamNotJson_Is502()
    {
        Answer("<html>S-1</html>", "text/html");
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.GetAsync("/api/probe");

        await response.AssertProblemAsync(HttpStatusCode.BadGateway, "upstream_not_json");
    }

    [Fact]
    public async Task UpstreamTooSlow_Is504()
    {
        Answer(Records, delay: TimeSpan.FromSeconds(3));
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.GetAsync("/api/probe");

        await response.AssertProblemAsync(HttpStatusCode.GatewayTimeout, "upstream_timeout");
    }

    [Fact]
    public async Task GzipUpstream_IsDecodedAndFiltered()
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(Encoding.UTF8.GetBytes(Records));
        }

        city.Upstream.Responder = context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.ContentEncoding = "gzip";
            return context.Response.Body.WriteAsync(compressed.ToArray()).AsTask();
        };
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.GetAsync("/api/probe");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""[{"id":1,"name":"甲","district_code":"310104"},{"id":2,"name":"乙","district_code":"310101"}]""", body);
    }

    [Fact]
    public async Task DuplicateAndCaseVariantKeys_NeverLeakTheUngrantedField()
    {
        Answer("""[{"id":1,"Secret":"S-1","secr\u0065t":"S-2","name":"甲","name":"乙","district_code":"310104"}]""");
        using var bank = city.GatewayClient("op-bank");

        var body = await (await bank.GetAsync("/api/probe")).Content.ReadAsStringAsync();

        Assert.DoesNotContain("S-1", body, StringComparison.Ordinal);
        Assert.DoesNotContain("S-2", body, StringComparison.Ordinal);
        Assert.DoesNotContain("甲", body, StringComparison.Ordinal);
        Assert.Equal("""[{"id":1,"district_code":"310104"}]""", body);
    }

    [Fact]
    public async Task EnvelopeWithoutItsRecordPath_Is502AndDisclosesNothing()
    {
        // A detail endpoint answering a single record where the catalog says records sit at data.items.
        Answer("""{"code":0,"data":{"item":{"id":1,"district_code":"310104","secret":"S-DETAIL"}}}""");
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.GetAsync("/api/probe-envelope/1");

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadGateway, "upstream_shape_unexpected");
        Assert.DoesNotContain("S-DETAIL", problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Envelope_IsFilteredInsideAndKeptOutside()
    {
        Answer("""{"code":0,"total":2,"data":{"items":[{"id":1,"district_code":"310104","secret":"S-1"},{"id":2,"district_code":"310101","secret":"S-2"}]}}""");
        using var bank = city.GatewayClient("op-bank");

        var body = await (await bank.GetAsync("/api/probe-envelope")).Content.ReadAsStringAsync();

        Assert.Equal("""{"code":0,"total":2,"data":{"items":[{"id":1,"district_code":"310104"},{"id":2,"district_code":"310101"}]}}""", body);
    }

    [Fact]
    public async Task MalformedUpstreamMidStream_AbortsTheResponse()
    {
        // Names long enough that the page's granted output (the first 1,000 records) passes the filter's 128 KB flush
        // well before the fault at the end: a fault before any output was handed over is a 502 problem instead.
        var name = new string('n', 300);
        var many = string.Join(',', Enumerable.Range(0, 5000).Select(i => $$"""{"id":{{i}},"name":"{{name}}{{i}}","district_code":"310104","secret":"S-{{i}}"}"""));
        Answer("[" + many + ",{\"id\":1,\"secret\":\"S-LAST\" !!! not json");
        using var bank = city.GatewayClient("op-bank");

        string? body = null;
        try
        {
            var response = await bank.GetAsync("/api/probe");
            body = await response.Content.ReadAsStringAsync();
        }
        catch (HttpRequestException)
        {
            // The connection was aborted: the caller cannot take the partial body for a whole one.
        }

        if (body is not null)
        {
            Assert.DoesNotContain("S-", body, StringComparison.Ordinal);
            Assert.ThrowsAny<JsonException>(() => JsonDocument.Parse(body));
        }
    }
}
