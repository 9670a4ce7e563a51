using System.Net;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// Issue 13, point 2: on a city of its own, whose <c>/metrics</c> nobody has scraped yet, the first scrape holds
/// everything counted since each process started (prometheus-net's adapter for the framework's meters would have
/// started counting only then), and every family the README documents is there with its labels, of its type, in text
/// that promtool accepts whole.
/// </summary>
public class MetricsFirstScrapeTests(DemoCity city) : IClassFixture<DemoCity>
{
    /// <summary>prometheus-net's process metrics, which README's <c>/metrics</c> row names (<c>process_*</c>); promtool checks them too.</summary>
    private static readonly (string Family, string Type, string[] Labels)[] ProcessFamilies =
    [
        ("process_cpu_seconds_total", "counter", []),
        ("process_start_time_seconds", "gauge", []),
        ("process_working_set_bytes", "gauge", []),
        ("dotnet_collection_count_total", "counter", ["generation"]),
    ];

    /// <summary>README's metrics table, the gateway's rows (the quota's family at 0 before any refusal; its counting: <c>QuotaTests</c>).</summary>
    private static readonly (string Family, string Type, string[] Labels)[] GatewayFamilies =
    [
        ("datagateway_gateway_calls_total", "counter", ["caller_kind", "dataset", "decision", "status"]),
        ("datagateway_gateway_call_duration_seconds", "histogram", ["caller_kind", "dataset"]),
        ("datagateway_gateway_upstream_duration_seconds", "histogram", ["dataset"]),
        ("datagateway_gateway_quota_rejections_total", "counter", ["dataset"]),
        ("datagateway_gateway_catalog_version", "gauge", []),
        ("datagateway_gateway_catalog_loaded_seconds", "gauge", []),
        ("datagateway_gateway_catalog_reload_duration_seconds", "histogram", ["read"]),
        ("datagateway_ledger_batch_size", "histogram", []),
        ("datagateway_ledger_commit_duration_seconds", "histogram", []),
        ("datagateway_ledger_commit_stage_seconds", "histogram", ["stage"]),
        ("datagateway_ledger_journal_backlog", "gauge", []),
        ("datagateway_ledger_queued", "gauge", []),
        .. ProcessFamilies,
    ];

    /// <summary>README's metrics table, the catalog's rows.</summary>
    private static readonly (string Family, string Type, string[] Labels)[] CatalogFamilies =
    [
        ("datagateway_catalog_version", "gauge", []),
        ("http_server_request_duration_seconds", "histogram", ["error_type", "http_request_method", "http_response_status_code", "http_route"]),
        .. ProcessFamilies,
    ];

    [Fact]
    public async Task FirstScrape_AfterTraffic_HoldsEveryCallSinceStartAndEveryDocumentedFamily()
    {
        using (var bank = city.GatewayClient("op-bank"))
        using (var mobility = city.GatewayClient("op-mobility"))
        {
            for (var i = 0; i < 3; i++)
            {
                Assert.Equal(HttpStatusCode.OK, (await bank.GetAsync("/api/enterprises?size=1")).StatusCode);
            }

            Assert.Equal(HttpStatusCode.Forbidden, (await mobility.GetAsync("/api/enterprises?size=1")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await mobility.GetAsync("/api/no-such-dataset-" + Guid.NewGuid().ToString("N"))).StatusCode);
        }

        using var gatewayScraper = city.GatewayClient(null);
        var first = await ScrapeAsync(gatewayScraper);

        // A call is counted before its response completes, so the first scrape holds each one, exactly once.
        Assert.Equal(3, first.Sum("datagateway_gateway_calls_total", ("dataset", "enterprises"), ("caller_kind", "operator"), ("decision", "granted"), ("status", "200")));
        Assert.Equal(1, first.Sum("datagateway_gateway_calls_total", ("dataset", "enterprises"), ("status", "403")));
        Assert.Equal(1, first.Sum("datagateway_gateway_calls_total", ("dataset", "none"), ("decision", "dataset_unknown"), ("status", "404")));
        Assert.Equal(5, first.Sum("datagateway_gateway_calls_total"));
        Assert.Equal(4, first.Sum("datagateway_gateway_call_duration_seconds_count", ("dataset", "enterprises"), ("caller_kind", "operator")));
        // Measured while the gateway started, long before anyone scraped.
        Assert.True(first.Sum("datagateway_gateway_catalog_reload_duration_seconds_count", ("read", "whole")) >= 1, first.Text);
        Assert.True(first.Sum("datagateway_gateway_catalog_version") >= 1, first.Text);
        Assert.True(first.Sum("datagateway_gateway_catalog_loaded_seconds") > 1.7e9, first.Text);
        // Regression: the quota family appeared only with the first refusal. Nothing was refused, and it is there at 0.
        Assert.True(first.TypeOf("datagateway_gateway_quota_rejections_total") == "counter", first.Text);
        Assert.Contains("datagateway_gateway_quota_rejections_total{dataset=\"enterprises\"} 0", first.Text.Split('\n'));

        // The ledger times its commit just after it releases the calls: its histograms may trail the responses a moment.
        var gateway = await ScrapeUntilAsync(gatewayScraper, e => e.Sum("datagateway_ledger_commit_duration_seconds_count") >= 1);
        Assert.True(gateway.Sum("datagateway_ledger_batch_size_count") >= 1, gateway.Text);
        await AssertFamiliesAsync(gateway, GatewayFamilies);

        // The catalog's first scrape holds the demo seed's requests, made before the gateway even started.
        using var catalogScraper = city.CatalogClient(null);
        var catalog = await ScrapeAsync(catalogScraper);
        Assert.True(catalog.Sum("http_server_request_duration_seconds_count", ("http_request_method", "POST"), ("error_type", "")) >= 1, catalog.Text);
        catalog = await ScrapeUntilAsync(catalogScraper, e => e.Sum("datagateway_catalog_version") >= 1);
        await AssertFamiliesAsync(catalog, CatalogFamilies);
    }

    private static async Task AssertFamiliesAsync(Exposition scrape, (string Family, string Type, string[] Labels)[] families)
    {
        foreach (var (family, type, labels) in families)
        {
            Assert.True(scrape.TypeOf(family) == type, $"{family}: expected a {type}, found {scrape.TypeOf(family) ?? "nothing"}\n{scrape.Text}");
            Assert.Equal(labels, scrape.LabelNames(family).Order(StringComparer.Ordinal));
        }

        var check = await Promtool.CheckMetricsAsync(scrape.Text);
        Assert.True(check.ExitCode == 0, $"promtool exited with {check.ExitCode}:\n{check.Output}\n--- input ---\n{scrape.Text}");
        Assert.Equal("", check.Output);
    }

    private static async Task<Exposition> ScrapeAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/metrics");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {body}");
        return new Exposition(body);
    }

    private static async Task<Exposition> ScrapeUntilAsync(HttpClient client, Func<Exposition, bool> done)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (true)
        {
            var scrape = await ScrapeAsync(client);
            if (done(scrape) || DateTime.UtcNow > deadline)
            {
                return scrape;
            }

            await Task.Delay(100);
        }
    }
}
