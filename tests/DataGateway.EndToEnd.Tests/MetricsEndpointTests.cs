using System.Net;
using System.Net.Http.Json;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// <c>/metrics</c> on the live gateway and catalog: Prometheus text that Prometheus's own checker accepts, served
/// without a token, and on the gateway never taken for a data call.
/// </summary>
public class MetricsEndpointTests(DemoCity city) : IClassFixture<DemoCity>
{
    private const string ExpositionContentType = "text/plain; version=0.0.4; charset=utf-8";

    [Fact]
    public async Task Gateway_AfterCalls_ServesTheLedgerHistogramsThatPassPromtool()
    {
        using (var bank = city.GatewayClient("op-bank"))
        {
            Assert.Equal(HttpStatusCode.OK, (await bank.GetAsync("/api/enterprises?size=3")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await bank.GetAsync("/api/enterprises?size=1")).StatusCode);
        }

        using var prometheus = city.GatewayClient(null);
        // The histogram is there from the writer's first batch on (prometheus-net shows an unlabelled series at zero).
        var body = await ScrapeUntilAsync(prometheus, lines => Value(lines, "datagateway_ledger_commit_duration_seconds_count") >= 1);

        var lines = body.Split('\n');
        Assert.Contains("# TYPE datagateway_ledger_batch_size histogram", lines);
        Assert.Contains(lines, l => l.StartsWith("datagateway_ledger_batch_size_bucket{le=\"1\"} ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("datagateway_ledger_batch_size_bucket{le=\"+Inf\"} ", StringComparison.Ordinal));
        Assert.Contains("# TYPE datagateway_ledger_commit_duration_seconds histogram", lines);
        Assert.Contains(lines, l => l.StartsWith("datagateway_ledger_commit_duration_seconds_bucket{le=\"0.0002\"} ", StringComparison.Ordinal));
        var committed = long.Parse(lines.Single(l => l.StartsWith("datagateway_ledger_commit_duration_seconds_count ", StringComparison.Ordinal)).Split(' ')[1]);
        Assert.True(committed >= 1, $"No commit counted:\n{body}");
        await AssertPromtoolAcceptsAsync(body);
    }

    [Fact]
    public async Task Gateway_CountsCallsByDatasetKindDecisionAndStatus_WithLatencyHistogramsAndCatalogGauges()
    {
        using (var mobility = city.GatewayClient("op-mobility"))
        {
            Assert.Equal(HttpStatusCode.OK, (await mobility.GetAsync("/api/parking-lots?size=2")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await mobility.GetAsync("/api/enterprises?size=1")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await mobility.GetAsync("/api/no-such-dataset-" + Guid.NewGuid().ToString("N"))).StatusCode);
        }

        using var prometheus = city.GatewayClient(null);
        var body = await ScrapeUntilAsync(prometheus, lines => Value(lines, "datagateway_gateway_calls_total", ("dataset", "none")) is not null);
        var lines = body.Split('\n');

        Assert.True(Value(lines, "datagateway_gateway_calls_total", ("caller_kind", "operator"), ("dataset", "parking-lots"), ("decision", "granted"), ("status", "200")) >= 1, body);
        Assert.True(Value(lines, "datagateway_gateway_calls_total", ("caller_kind", "operator"), ("dataset", "enterprises"), ("status", "403")) >= 1, body);
        // A dataset code the caller made up never becomes a label value.
        Assert.True(Value(lines, "datagateway_gateway_calls_total", ("dataset", "none"), ("decision", "dataset_unknown"), ("status", "404")) >= 1, body);
        Assert.DoesNotContain(lines, l => l.Contains("no-such-dataset", StringComparison.Ordinal));
        Assert.True(Value(lines, "datagateway_gateway_call_duration_seconds_count", ("caller_kind", "operator"), ("dataset", "parking-lots")) >= 1, body);
        Assert.True(Value(lines, "datagateway_gateway_call_duration_seconds_bucket", ("caller_kind", "operator"), ("dataset", "parking-lots"), ("le", "+Inf")) >= 1, body);
        Assert.True(Value(lines, "datagateway_gateway_upstream_duration_seconds_count", ("dataset", "parking-lots")) >= 1, body);
        Assert.True(Value(lines, "datagateway_gateway_catalog_version") >= 1, body);
        Assert.True(Value(lines, "datagateway_gateway_catalog_reload_duration_seconds_count") >= 1, body);
        Assert.Equal(0, Value(lines, "datagateway_ledger_journal_backlog"));
        Assert.DoesNotContain(lines, l => l.StartsWith("datagateway_gateway_call_duration", StringComparison.Ordinal) && l.Contains("request", StringComparison.Ordinal));
        await AssertPromtoolAcceptsAsync(body);
    }

    /// <summary>
    /// Issue 13 (a change enforced within 1 s at the seeds' 17,320 datasets): after its first, whole load the gateway
    /// reads only what changed. Its reload histogram shows which, and a change adds a "changes" load, not a whole one.
    /// </summary>
    [Fact]
    public async Task Gateway_CatalogChanged_ReadsOnlyTheChanges()
    {
        using var prometheus = city.GatewayClient(null);
        var before = (await ScrapeUntilAsync(prometheus, _ => true)).Split('\n');
        var whole = Value(before, "datagateway_gateway_catalog_reload_duration_seconds_count", ("read", "whole"));
        var changes = Value(before, "datagateway_gateway_catalog_reload_duration_seconds_count", ("read", "changes"));
        Assert.True(whole >= 1);

        using (var admin = city.CatalogClient("admin"))
        {
            var id = "op-metrics-" + Guid.NewGuid().ToString("N")[..8];
            (await admin.PostAsJsonAsync("/v1/organizations", new { id, name = "指标测试运营商", kind = "operator" })).EnsureSuccessStatusCode();
        }

        var body = await ScrapeUntilAsync(prometheus, lines => Value(lines, "datagateway_gateway_catalog_reload_duration_seconds_count", ("read", "changes")) > changes);
        var after = body.Split('\n');
        Assert.True(Value(after, "datagateway_gateway_catalog_reload_duration_seconds_count", ("read", "changes")) > changes, body);
        Assert.Equal(whole, Value(after, "datagateway_gateway_catalog_reload_duration_seconds_count", ("read", "whole")));
    }

    [Fact]
    public async Task Catalog_ServesItsVersionAndRequestDurations()
    {
        using (var admin = city.CatalogClient("admin"))
        {
            Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/v1/datasets")).StatusCode);
        }

        using var prometheus = city.CatalogClient(null);
        var body = await ScrapeUntilAsync(prometheus, lines => Value(lines, "datagateway_catalog_version") >= 1);
        var lines = body.Split('\n');

        Assert.True(Value(lines, "datagateway_catalog_version") >= 1, body);
        Assert.True(Value(lines, "http_server_request_duration_seconds_count", ("http_route", "/v1/datasets/"), ("http_response_status_code", "200")) >= 1
                    || Value(lines, "http_server_request_duration_seconds_count", ("http_route", "/v1/datasets"), ("http_response_status_code", "200")) >= 1, body);
        await AssertPromtoolAcceptsAsync(body);
    }

    /// <summary>The value of the one series of <paramref name="family"/> carrying all the given labels (others may be there too); null if none.</summary>
    private static double? Value(string[] lines, string family, params (string Name, string Value)[] labels)
    {
        foreach (var line in lines)
        {
            if (!line.StartsWith(family, StringComparison.Ordinal) || line.Length == family.Length || line[family.Length] is not ('{' or ' '))
            {
                continue;
            }

            if (labels.All(l => line.Contains($"{l.Name}=\"{l.Value}\"", StringComparison.Ordinal)))
            {
                return double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    [Fact]
    public async Task Catalog_ServesPrometheusTextWithoutAToken()
    {
        using var prometheus = city.CatalogClient(null);

        var response = await prometheus.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        Assert.Equal(ExpositionContentType, string.Join(", ", response.Content.Headers.GetValues("Content-Type")));
        await AssertPromtoolAcceptsAsync(body);
    }

    [Theory]
    [InlineData("gateway")]
    [InlineData("catalog")]
    public async Task Metrics_Post_IsRefusedNotProxied(string service)
    {
        using var client = service == "gateway" ? city.GatewayClient("op-bank") : city.CatalogClient("admin");

        var response = await client.PostAsync("/metrics", new StringContent("x"));

        Assert.True(response.StatusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotFound,
            $"POST /metrics on the {service} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var code = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString();
        Assert.Contains(code, new[] { "not_found", "method_not_allowed" });
    }

    /// <summary>
    /// A call's response completes once its ledger record is durable, and the commit is timed just after: the
    /// histogram may trail the response by a moment.
    /// </summary>
    private static async Task<string> ScrapeUntilAsync(HttpClient client, Func<string[], bool> done)
    {
        // A watchdog only: each caller waits for a condition, and a loaded machine may take a while to meet it.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (true)
        {
            var response = await client.GetAsync("/metrics");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
            Assert.Equal(ExpositionContentType, string.Join(", ", response.Content.Headers.GetValues("Content-Type")));
            if (done(body.Split('\n')) || DateTime.UtcNow > deadline)
            {
                return body;
            }

            await Task.Delay(100);
        }
    }

    private static async Task AssertPromtoolAcceptsAsync(string body)
    {
        var result = await Promtool.CheckMetricsAsync(body);
        Assert.True(result.ExitCode == 0, $"promtool exited with {result.ExitCode}:\n{result.Output}\n--- input ---\n{body}");
        Assert.Equal("", result.Output);
    }
}
