using System.Net;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// Issue 12 (leftovers, point 3): <c>POST /openapi/v1.json</c> on the gateway was a 404, as if the document did not
/// exist: its catch-all fallback took every method. A known path asked with another method is 405 problem+json with
/// <c>Allow</c> on both services, for their own paths (the API reference, health, metrics) and the catalog's /v1.
/// </summary>
[Collection(EdgeCollection.Name)]
public class OwnPathMethodTests(ProbeCity city)
{
    [Theory]
    [InlineData("gateway", null, "POST", "/openapi/v1.json", "GET")]
    [InlineData("gateway", null, "DELETE", "/openapi/v1.json", "GET")]
    [InlineData("gateway", null, "POST", "/scalar", "GET")]
    [InlineData("gateway", null, "PUT", "/healthz", "GET")]
    [InlineData("gateway", null, "POST", "/readyz", "GET")]
    [InlineData("gateway", null, "DELETE", "/metrics", "GET")]
    [InlineData("gateway", null, "OPTIONS", "/healthz", "GET")]
    [InlineData("gateway", "op-bank", "PUT", "/api/probe/verify", "GET, HEAD, POST")]
    [InlineData("gateway", "op-bank", "DELETE", "/api/probe", "GET, HEAD")]
    [InlineData("catalog", null, "POST", "/openapi/v1.json", "GET")]
    [InlineData("catalog", null, "POST", "/scalar", "GET")]
    [InlineData("catalog", null, "DELETE", "/healthz", "GET")]
    [InlineData("catalog", null, "PUT", "/readyz", "GET")]
    [InlineData("catalog", null, "POST", "/metrics", "GET")]
    [InlineData("catalog", "admin", "DELETE", "/v1/organizations", "GET, POST")]
    [InlineData("catalog", "admin", "POST", "/v1/datasets/probe", "DELETE, GET, PUT")]
    [InlineData("catalog", "admin", "PUT", "/v1/grants", "GET")]
    [InlineData("catalog", "admin", "GET", "/v1/ledger/verify", "POST")]
    public async Task KnownPath_WrongMethod_Is405ProblemWithAllow(string service, string? organization, string method, string path, string allow)
    {
        using var client = DemoCity.Client(service == "gateway" ? city.Gateway : city.Catalog, organization is null ? null : city.Token(organization));

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        var problem = await response.AssertEdgeProblemAsync(HttpStatusCode.MethodNotAllowed, "method_not_allowed");
        Assert.Equal(allow.Split(", "), response.Content.Headers.Allow.Order(StringComparer.Ordinal));
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("title").GetString()));
    }

    /// <summary>The right method still answers, and a path nobody serves is still a 404 whatever the method.</summary>
    [Theory]
    [InlineData("GET", "/openapi/v1.json", HttpStatusCode.OK)]
    [InlineData("GET", "/healthz", HttpStatusCode.OK)]
    [InlineData("POST", "/openapi/v2.json", HttpStatusCode.NotFound)]
    [InlineData("POST", "/healthz/more", HttpStatusCode.NotFound)]
    [InlineData("DELETE", "/nothing", HttpStatusCode.NotFound)]
    public async Task Gateway_RightMethodOrUnknownPath_IsUnchanged(string method, string path, HttpStatusCode status)
    {
        using var client = DemoCity.Client(city.Gateway, null);

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        Assert.Equal(status, response.StatusCode);
        if (status == HttpStatusCode.NotFound)
        {
            await response.AssertEdgeProblemAsync(status, "not_found");
        }
    }
}
