using System.Net;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// Issue 12, point 2: no byte of a caller's request reaches an upstream outside the request the gateway built. The
/// upstream here reads no body on GET (as many real ones), so a body the gateway forwarded would be read as a second
/// request on the pooled connection and its answer handed to the next caller.
/// </summary>
[Collection(EdgeCollection.Name)]
public class RequestSmugglingTests(ProbeCity city)
{
    private const string Smuggled = "GET /probe-raw/smuggled HTTP/1.1\r\nHost: upstream\r\n\r\n";

    public static TheoryData<string, string> BodyFramings => new()
    {
        { "GET", $"Content-Length: {Smuggled.Length}\r\n\r\n{Smuggled}" },
        { "HEAD", $"Content-Length: {Smuggled.Length}\r\n\r\n{Smuggled}" },
        { "GET", $"Transfer-Encoding: chunked\r\n\r\n{Smuggled.Length:x}\r\n{Smuggled}\r\n0\r\n\r\n" },
        { "GET", $"Transfer-Encoding: CHUNKED\r\n\r\n{Smuggled.Length:x}\r\n{Smuggled}\r\n0\r\n\r\n" },
        { "GET", $"Transfer-Encoding: gzip, chunked\r\n\r\n{Smuggled.Length:x}\r\n{Smuggled}\r\n0\r\n\r\n" },
        { "GET", $"Transfer-Encoding: chunked\r\nContent-Length: {Smuggled.Length}\r\n\r\n{Smuggled.Length:x}\r\n{Smuggled}\r\n0\r\n\r\n" },
        { "GET", $"Expect: 100-continue\r\nContent-Length: {Smuggled.Length}\r\n\r\n{Smuggled}" },
        { "OPTIONS", $"Content-Length: {Smuggled.Length}\r\n\r\n{Smuggled}" },
        { "DELETE", $"Content-Length: {Smuggled.Length}\r\n\r\n{Smuggled}" },
    };

    [Theory]
    [MemberData(nameof(BodyFramings))]
    public async Task BodyOnAMethodWithout_IsRefusedAndNeverReachesTheUpstream(string method, string framingAndBody)
    {
        city.RawUpstream.Requests.Clear();
        var token = city.Token("district-310104");

        var refused = await RawHttpExchange.SendAsync(city.Gateway,
            $"{method} /api/probe-raw/first HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer {token}\r\n{framingAndBody}");

        if (method == "HEAD")
        {
            // A HEAD answer carries no body, so the problem is in the status alone.
            Assert.Equal(400, refused.Status);
        }
        else
        {
            refused.AssertProblem(400, "request_body_not_allowed");
        }

        Assert.Equal("close", refused.Headers.GetValueOrDefault("Connection"));
        using var xuhui = city.GatewayClient("district-310104");
        var next = await xuhui.GetAsync("/api/probe-raw/second");
        var body = await next.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.Contains("/probe-raw/second", body, StringComparison.Ordinal);
        var seen = Assert.Single(city.RawUpstream.Requests);
        Assert.StartsWith("GET /probe-raw/second", seen, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n")]
    [InlineData("Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n")]
    public async Task UpgradeRequest_IsRefusedAndNeverTunnelled(string upgrade)
    {
        city.RawUpstream.Requests.Clear();
        var token = city.Token("district-310104");

        var refused = await RawHttpExchange.SendAsync(city.Gateway,
            $"GET /api/probe-raw/ws HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer {token}\r\n{upgrade}\r\n{Smuggled}");

        refused.AssertProblem(400, "request_upgrade_not_allowed");
        Assert.Empty(city.RawUpstream.Requests);
    }

    [Fact]
    public async Task GetWithoutBody_AndContentLengthZero_IsForwarded()
    {
        city.RawUpstream.Requests.Clear();
        var token = city.Token("district-310104");

        var answered = await RawHttpExchange.SendAsync(city.Gateway,
            $"GET /api/probe-raw/empty HTTP/1.1\r\nHost: gateway\r\nAuthorization: Bearer {token}\r\nContent-Length: 0\r\n\r\n");

        Assert.Equal(200, answered.Status);
        Assert.Contains("/probe-raw/empty", answered.Body, StringComparison.Ordinal);
        Assert.StartsWith("GET /probe-raw/empty", Assert.Single(city.RawUpstream.Requests), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Http2GetWithDataFrames_IsRefused()
    {
        city.RawUpstream.Requests.Clear();
        using var handler = new SocketsHttpHandler();
        using var client = new HttpClient(handler) { BaseAddress = city.Gateway, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        client.DefaultRequestHeaders.Authorization = new("Bearer", city.Token("district-310104"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/probe-raw/h2") { Content = new StringContent(Smuggled) };

        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request);
        }
        catch (HttpRequestException)
        {
            // The gateway serves no HTTP/2 without TLS: then no DATA frame can reach it at all.
            Assert.Empty(city.RawUpstream.Requests);
            return;
        }

        await response.AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "request_body_not_allowed");
        Assert.Empty(city.RawUpstream.Requests);
    }
}
