using System.Net;
using System.Text;
using DataGateway.Testing;
using Microsoft.AspNetCore.Http;
using Npgsql;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// Issue 12, point 10: every answer either service gives is problem+json with a stable code, the request id the
/// X-Request-Id header carries, and the one type scheme: including the answers Kestrel, YARP and ASP.NET Core would
/// write themselves (oversized headers, unreadable bodies, timeouts, unknown paths and methods).
/// </summary>
[Collection(EdgeCollection.Name)]
public class EdgeAnswerTests(ProbeCity city)
{
    private string Bearer(string organization) => "Authorization: Bearer " + city.Token(organization) + "\r\n";

    [Theory]
    [InlineData("gateway")]
    [InlineData("catalog")]
    public async Task OversizedHeader_Is431Problem(string service)
    {
        using var client = DemoCity.Client(Server(service), null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        request.Headers.TryAddWithoutValidation("X-Padding", new string('a', 40 * 1024));

        var response = await client.SendAsync(request);

        await response.AssertEdgeProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "request_headers_too_large");
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("catalog")]
    public async Task TooManyHeaders_Is431Problem(string service)
    {
        using var client = DemoCity.Client(Server(service), null);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/healthz");
        for (var i = 0; i < 150; i++)
        {
            request.Headers.TryAddWithoutValidation($"X-Many-{i}", "x");
        }

        var response = await client.SendAsync(request);

        await response.AssertEdgeProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "request_headers_too_large");
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("catalog")]
    public async Task OverlongTarget_Is414Problem(string service)
    {
        using var client = DemoCity.Client(Server(service), null);

        var response = await client.GetAsync("/healthz?pad=" + new string('a', 9000));

        await response.AssertEdgeProblemAsync(HttpStatusCode.RequestUriTooLong, "request_target_too_long");
    }

    [Theory]
    [InlineData("gateway", null, "GET", "/nothing", 404, "not_found")]
    [InlineData("gateway", "op-bank", "DELETE", "/api/probe", 405, "method_not_allowed")]
    [InlineData("gateway", "op-bank", "GET", "/api/no-such-dataset", 404, "dataset_unknown")]
    [InlineData("gateway", null, "GET", "/api/probe", 401, "token_missing")]
    [InlineData("gateway", "op-bank", "GET", "/api/probe/..;/x", 400, "path_ambiguous")]
    [InlineData("gateway", null, "GET", "/metrics/..;/x", 400, "path_ambiguous")]
    [InlineData("catalog", "admin", "GET", "/v1/nothing", 404, "not_found")]
    [InlineData("catalog", "admin", "DELETE", "/v1/datasets", 405, "method_not_allowed")]
    [InlineData("catalog", "admin", "GET", "/v1/datasets/no-such-dataset", 404, "not_found")]
    [InlineData("catalog", null, "GET", "/v1/datasets", 401, "token_missing")]
    public async Task FallbackAndRefusal_IsProblemWithRequestIdAndType(string service, string? organization, string method, string path, int status, string code)
    {
        using var client = DemoCity.Client(Server(service), organization is null ? null : city.Token(organization));

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await response.AssertEdgeProblemAsync((HttpStatusCode)status, code);
    }

    [Fact]
    public async Task CatalogBodyNotJson_Is400Problem()
    {
        using var admin = city.CatalogClient("admin");

        var response = await admin.PostAsync("/v1/organizations", new StringContent("{not json", Encoding.UTF8, "application/json"));

        // The strict-input stage names what is wrong with the body (json_malformed) before the framework would.
        await response.AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "json_malformed");
    }

    [Theory]
    [InlineData("gateway", "op-bank", "POST", "/api/probe/verify", "request_malformed")]
    [InlineData("gateway", "op-bank", "GET", "/api/probe", "request_body_not_allowed")]
    [InlineData("catalog", "admin", "POST", "/v1/organizations", "request_malformed")]
    public async Task MalformedChunkFromTheCaller_Is400NotA5xx(string service, string organization, string method, string path, string code)
    {
        var answer = await RawHttpExchange.SendAsync(Server(service),
            $"{method} {path} HTTP/1.1\r\nHost: x\r\n{Bearer(organization)}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n{{}}\r\n0\r\n\r\n");

        answer.AssertProblem(400, code);
    }

    [Fact]
    public async Task MalformedChunkFromTheUpstream_Is502Problem()
    {
        city.RawUpstream.Respond = _ => "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nZZ\r\n[]\r\n0\r\n\r\n";
        try
        {
            using var xuhui = city.GatewayClient("district-310104");

            var response = await xuhui.GetAsync("/api/probe-raw/broken");

            // The broken body fails the response stage: the data service's fault, never the caller's.
            await response.AssertEdgeProblemAsync(HttpStatusCode.BadGateway, "upstream_unreadable");
        }
        finally
        {
            city.RawUpstream.Respond = target => RawHttpUpstream.Json($$"""[{"id":1,"name":"{{target}}","district_code":"310104"}]""");
        }
    }

    [Fact]
    public async Task UpstreamTimeout_Is504WithTheRequestIdOfItsLedgerRecord()
    {
        city.Upstream.Responder = async context =>
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            await context.Response.WriteAsync("[]");
        };
        using var bank = city.GatewayClient("op-bank");

        var response = await bank.GetAsync("/api/probe");

        var problem = await response.AssertEdgeProblemAsync(HttpStatusCode.GatewayTimeout, "upstream_timeout");
        await using var connection = new NpgsqlConnection(city.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select status, reason from ledger_records where request_id = @id", connection);
        command.Parameters.AddWithValue("id", Guid.ParseExact(problem.GetProperty("requestId").GetString()!, "N"));
        await using var record = await command.ExecuteReaderAsync();
        Assert.True(await record.ReadAsync(), "No ledger record under the request id the caller got.");
        Assert.Equal(504, record.GetInt32(0));
        Assert.Equal("upstream_timeout", record.GetString(1));
    }

    private Uri Server(string service) => service == "gateway" ? city.Gateway : city.Catalog;
}
