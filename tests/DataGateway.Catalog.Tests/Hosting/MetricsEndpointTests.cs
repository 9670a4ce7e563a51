using System.Net;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Hosting;

/// <summary>
/// Issue 12, point 1: the catalog's <c>/metrics</c> over HTTP: Prometheus text, without a token, counting each request
/// by route template and status (never by the path a caller typed), and accepted by Prometheus's own checker.
/// </summary>
public class MetricsEndpointTests(CatalogProcess catalog) : IClassFixture<CatalogProcess>
{
    [Fact]
    public async Task Metrics_AfterRequests_CountsThemByRouteAndStatus()
    {
        await catalog.AdminPostAsync("/v1/organizations", new { id = "op-metrics", name = "指标测试机构", kind = "operator" });
        using (var admin = catalog.Admin())
        using (var bank = catalog.Client(catalog.Tokens.Operator("op-metrics")))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/organizations")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/v1/organizations/no-such-org-4711")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await bank.GetAsync("/v1/services")).StatusCode);
        }

        using var prometheus = catalog.Client(null);
        HttpResponseMessage response;
        string[] lines;
        var attempt = 0;
        // A request is counted once the server has finished with it, which may be just after its client has the answer.
        do
        {
            await Task.Delay(attempt == 0 ? 0 : 50);
            response = await prometheus.GetAsync("/metrics");
            lines = (await response.Content.ReadAsStringAsync()).Split('\n');
        }
        while (!Counted(lines, "/v1/services/", "403") && ++attempt < 100);

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.True(Counted(lines, "/v1/organizations/", "200"), string.Join('\n', lines));
        Assert.True(Counted(lines, "/v1/organizations/{id}", "404"), string.Join('\n', lines));
        Assert.True(Counted(lines, "/v1/services/", "403"), string.Join('\n', lines));
        Assert.DoesNotContain(lines, l => l.Contains("no-such-org-4711", StringComparison.Ordinal));
        var check = await Promtool.CheckMetricsAsync(string.Join('\n', lines));
        Assert.True(check.ExitCode == 0, check.Output);
    }

    [Fact]
    public async Task Metrics_MadeUpMethodsAndPaths_NeverBecomeLabelValues()
    {
        var marker = Guid.NewGuid().ToString("N");
        using (var admin = catalog.Admin())
        {
            foreach (var method in new[] { "X" + marker, "get", "PROPFIND" })
            {
                using var _ = await admin.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/v1/organizations"));
            }

            foreach (var path in new[] { "/no-such-" + marker, "/v1/no-such-" + marker, "/v1/organizations/" + marker + "/x/y", "/%2e%2e/" + marker })
            {
                using var _ = await admin.GetAsync(path);
            }
        }

        using var prometheus = catalog.Client(null);
        string[] lines;
        var attempt = 0;
        do
        {
            await Task.Delay(attempt == 0 ? 0 : 50);
            lines = (await prometheus.GetStringAsync("/metrics")).Split('\n');
        }
        while (!lines.Any(l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal) && l.Contains("http_request_method=\"_OTHER\"", StringComparison.Ordinal)) && ++attempt < 100);

        Assert.DoesNotContain(lines, l => l.Contains(marker, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("PROPFIND", StringComparison.Ordinal) || l.Contains("method=\"get\"", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal) && l.Contains("http_request_method=\"_OTHER\"", StringComparison.Ordinal));
        var check = await Promtool.CheckMetricsAsync(string.Join('\n', lines));
        Assert.True(check.ExitCode == 0, check.Output);
    }

    private static bool Counted(string[] lines, string route, string status) => lines.Any(l =>
        l.StartsWith("http_server_request_duration_seconds_count{", StringComparison.Ordinal)
        && l.Contains($"http_route=\"{route}\"", StringComparison.Ordinal) && l.Contains($"http_response_status_code=\"{status}\"", StringComparison.Ordinal));
}
