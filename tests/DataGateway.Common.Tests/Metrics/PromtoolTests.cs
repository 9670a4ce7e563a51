using System.Diagnostics.Metrics;
using DataGateway.Testing;

namespace DataGateway.Common.Tests.Metrics;

/// <summary>The exporter's output as Prometheus itself reads it: <c>promtool check metrics</c> parses and lints it.</summary>
public class PromtoolTests
{
    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    [Fact]
    public async Task Scrape_EveryInstrumentKind_PassesPromtool()
    {
        using var harness = new ExporterHarness();
        var meter = harness.Meter;
        var calls = meter.CreateCounter<long>("datagateway.calls", "{call}", "Calls through the gateway");
        calls.Add(3, Tag("dataset", "housing"), Tag("status", 200));
        calls.Add(1, Tag("dataset", "企业 \"名录\"\\\n"), Tag("status", 403));
        meter.CreateCounter<double>("datagateway.response.sent", "By", "Bytes sent to callers").Add(1024.5);
        meter.CreateUpDownCounter<int>("datagateway.calls.active", "{call}", "Calls in flight").Add(2);
        meter.CreateGauge<long>("datagateway.catalog.version", null, "Catalog version served").Record(42);
        meter.CreateHistogram<double>("datagateway.commit.duration", "s", "Commit time",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.0002, 0.001, 0.5, 5] }).Record(0.0003, Tag("store", "pg"));
        meter.CreateHistogram<int>("datagateway.batch.size", "{record}", "Records per batch",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 5, 10] }).Record(7);
        meter.CreateHistogram<double>("datagateway.upstream.duration", "s", "Upstream time").Record(0.02);
        meter.CreateObservableGauge("datagateway.queue.depth", () => new Measurement<int>(5, Tag("queue", "ledger")), "{record}", "Records waiting");
        meter.CreateObservableCounter("datagateway.journal.written", () => 4096L, "By", "Bytes journaled");
        meter.CreateObservableUpDownCounter("datagateway.journal.backlog", () => 0, "{record}", "Records in the journal");

        var scrape = harness.Scrape();
        var result = await Promtool.CheckMetricsAsync(scrape);

        Assert.True(result.ExitCode == 0, $"promtool exited with {result.ExitCode}:\n{result.Output}\n--- input ---\n{scrape}");
        Assert.Equal("", result.Output);
        Assert.Equal(10, scrape.Split('\n').Count(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)));
    }

    /// <summary>The check above means something only if promtool does refuse a bad exposition when it gets one.</summary>
    [Fact]
    public async Task Promtool_CounterWithoutTotalOrHelp_IsRefused()
    {
        var result = await Promtool.CheckMetricsAsync("# TYPE calls counter\ncalls 1\n");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("_total", result.Output);
    }
}
