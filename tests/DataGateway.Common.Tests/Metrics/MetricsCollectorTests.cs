using System.Diagnostics.Metrics;
using DataGateway.Common.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace DataGateway.Common.Tests.Metrics;

public class MetricsCollectorTests
{
    private static KeyValuePair<string, object?> Tag(string key, object? value) => new(key, value);

    [Fact]
    public void Scrape_CounterWithTags_RendersTotalPerTagSet()
    {
        using var harness = new ExporterHarness();
        var calls = harness.Meter.CreateCounter<long>("datagateway.calls", "{call}", "Calls through the gateway");

        calls.Add(1, Tag("dataset", "housing"), Tag("status", 200));
        calls.Add(1, Tag("dataset", "housing"), Tag("status", 200));
        calls.Add(3, Tag("dataset", "housing"), Tag("status", 403));
        calls.Add(5, Tag("dataset", "enterprises"), Tag("status", 200));

        Assert.Equal(
            """
            # HELP datagateway_calls_total Calls through the gateway
            # TYPE datagateway_calls_total counter
            datagateway_calls_total{dataset="enterprises",status="200"} 5
            datagateway_calls_total{dataset="housing",status="200"} 2
            datagateway_calls_total{dataset="housing",status="403"} 3

            """, harness.Scrape());
    }

    [Fact]
    public void Scrape_SameTagsInAnotherOrder_AreOneSeries()
    {
        using var harness = new ExporterHarness();
        var calls = harness.Meter.CreateCounter<int>("datagateway.calls");

        calls.Add(2, Tag("b", "2"), Tag("a", "1"));
        calls.Add(3, Tag("a", "1"), Tag("b", "2"));

        Assert.Equal(["datagateway_calls_total{a=\"1\",b=\"2\"} 5"], harness.Samples());
    }

    [Fact]
    public void Scrape_CounterWithoutTags_HasNoBraces()
    {
        using var harness = new ExporterHarness();
        var bytes = harness.Meter.CreateCounter<double>("datagateway.sent", "By", "Bytes sent");

        bytes.Add(1.5);
        bytes.Add(2);

        Assert.Equal(["datagateway_sent_bytes_total 3.5"], harness.Samples());
    }

    [Fact]
    public void Scrape_UpDownCounter_IsAGaugeOfTheRunningSum()
    {
        using var harness = new ExporterHarness();
        var inFlight = harness.Meter.CreateUpDownCounter<int>("datagateway.calls.active", "{call}", "Calls in flight");

        inFlight.Add(3);
        inFlight.Add(-1);

        Assert.Equal(
            """
            # HELP datagateway_calls_active Calls in flight
            # TYPE datagateway_calls_active gauge
            datagateway_calls_active 2

            """, harness.Scrape());
    }

    [Fact]
    public void Scrape_Histogram_BucketsAreCumulativeWithSumAndCount()
    {
        using var harness = new ExporterHarness();
        var duration = harness.Meter.CreateHistogram<double>("datagateway.commit.duration", "s", "Commit time", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.5, 1, 2] });

        foreach (var value in new[] { 0.25, 0.5, 0.75, 1.5, 4 })
        {
            duration.Record(value, Tag("kind", "pg"));
        }

        Assert.Equal(
            """
            # HELP datagateway_commit_duration_seconds Commit time
            # TYPE datagateway_commit_duration_seconds histogram
            datagateway_commit_duration_seconds_bucket{kind="pg",le="0.5"} 2
            datagateway_commit_duration_seconds_bucket{kind="pg",le="1"} 3
            datagateway_commit_duration_seconds_bucket{kind="pg",le="2"} 4
            datagateway_commit_duration_seconds_bucket{kind="pg",le="+Inf"} 5
            datagateway_commit_duration_seconds_sum{kind="pg"} 7
            datagateway_commit_duration_seconds_count{kind="pg"} 5

            """, harness.Scrape());
    }

    [Fact]
    public void Scrape_IntegerHistogramWithAdvice_UsesTheAdvisedBounds()
    {
        using var harness = new ExporterHarness();
        var batch = harness.Meter.CreateHistogram<int>("datagateway.batch.size", "{record}", "Records per batch",
            advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 10, 100] });

        batch.Record(1);
        batch.Record(11);
        batch.Record(100);

        Assert.Equal(
            [
                "datagateway_batch_size_bucket{le=\"1\"} 1",
                "datagateway_batch_size_bucket{le=\"10\"} 1",
                "datagateway_batch_size_bucket{le=\"100\"} 3",
                "datagateway_batch_size_bucket{le=\"+Inf\"} 3",
                "datagateway_batch_size_sum 112",
                "datagateway_batch_size_count 3",
            ], harness.Samples());
    }

    [Fact]
    public void Scrape_HistogramWithoutAdvice_UsesTheDefaultSecondsBuckets()
    {
        using var harness = new ExporterHarness();
        var duration = harness.Meter.CreateHistogram<double>("datagateway.upstream.duration", "s", "Upstream time");

        duration.Record(0.003);

        var bounds = harness.Samples().Where(l => l.Contains("_bucket")).Select(l => l.Split('"')[1]);
        Assert.Equal(["0.0005", "0.001", "0.0025", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"], bounds);
        Assert.Contains("datagateway_upstream_duration_seconds_bucket{le=\"0.0025\"} 0", harness.Samples());
        Assert.Contains("datagateway_upstream_duration_seconds_bucket{le=\"0.005\"} 1", harness.Samples());
    }

    [Fact]
    public void Scrape_HistogramNonFiniteValue_IsNotRecorded()
    {
        using var harness = new ExporterHarness();
        var duration = harness.Meter.CreateHistogram<double>("datagateway.d", "s", "d",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [1] });

        duration.Record(double.NaN);
        duration.Record(double.PositiveInfinity);
        duration.Record(0.5);

        Assert.Equal(
            ["datagateway_d_seconds_bucket{le=\"1\"} 1", "datagateway_d_seconds_bucket{le=\"+Inf\"} 1", "datagateway_d_seconds_sum 0.5", "datagateway_d_seconds_count 1"],
            harness.Samples());
    }

    [Fact]
    public void Scrape_HistogramTagNamedLe_IsRenamedSoItCannotCollideWithTheBucketLabel()
    {
        using var harness = new ExporterHarness();
        var h = harness.Meter.CreateHistogram<int>("datagateway.h", null, "h", advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1] });

        h.Record(1, Tag("le", "x"));

        Assert.Equal("datagateway_h_bucket{tag_le=\"x\",le=\"1\"} 1", harness.Samples()[0]);
    }

    [Fact]
    public void Scrape_LabelValues_AreEscaped()
    {
        using var harness = new ExporterHarness();
        var calls = harness.Meter.CreateCounter<int>("datagateway.calls", null, "Calls; a \\ backslash\nand a \"quote\"");

        calls.Add(1, Tag("path", "C:\\dir \"quoted\"\nnext line"));

        Assert.Equal(
            """
            # HELP datagateway_calls_total Calls; a \\ backslash\nand a "quote"
            # TYPE datagateway_calls_total counter
            datagateway_calls_total{path="C:\\dir \"quoted\"\nnext line"} 1

            """, harness.Scrape());
    }

    [Fact]
    public void Scrape_TagValuesOfEveryKind_AreInvariantText()
    {
        using var harness = new ExporterHarness();
        var calls = harness.Meter.CreateCounter<int>("datagateway.calls");

        calls.Add(1, Tag("flag", true), Tag("ratio", 0.25), Tag("missing", null), Tag("count", 12L));

        Assert.Equal(["datagateway_calls_total{count=\"12\",flag=\"true\",missing=\"\",ratio=\"0.25\"} 1"], harness.Samples());
    }

    [Fact]
    public void Scrape_TagKeys_BecomeLabelNames()
    {
        using var harness = new ExporterHarness();
        var calls = harness.Meter.CreateCounter<int>("datagateway.calls");

        calls.Add(1, Tag("http.response.status_code", 200), Tag("caller-kind", "operator"), Tag("9lives", "x"), Tag("a:b", "y"));

        Assert.Equal(["datagateway_calls_total{_9lives=\"x\",a_b=\"y\",caller_kind=\"operator\",http_response_status_code=\"200\"} 1"], harness.Samples());
    }

    [Fact]
    public void Scrape_InstrumentWithoutDescription_HasItsNameAsHelp()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateCounter<int>("datagateway.calls").Add(1);

        Assert.StartsWith("# HELP datagateway_calls_total datagateway.calls\n", harness.Scrape());
    }

    [Fact]
    public void Scrape_ObservableGauge_IsCollectedAtEachScrape()
    {
        using var harness = new ExporterHarness();
        var depth = 3;
        var observed = 0;
        harness.Meter.CreateObservableGauge("datagateway.queue.depth", () =>
        {
            observed++;
            return new Measurement<int>(depth, Tag("queue", "ledger"));
        }, "{record}", "Records waiting");

        Assert.Equal(0, observed);
        Assert.Equal(
            """
            # HELP datagateway_queue_depth Records waiting
            # TYPE datagateway_queue_depth gauge
            datagateway_queue_depth{queue="ledger"} 3

            """, harness.Scrape());
        depth = 7;
        Assert.Equal(["datagateway_queue_depth{queue=\"ledger\"} 7"], harness.Samples());
        Assert.Equal(2, observed);
    }

    [Fact]
    public void Scrape_ObservableTagSetNoLongerReported_Disappears()
    {
        using var harness = new ExporterHarness();
        var queues = new List<string> { "a", "b" };
        harness.Meter.CreateObservableGauge("datagateway.queue.depth", () => queues.Select(q => new Measurement<int>(1, Tag("queue", q))));

        Assert.Equal(["datagateway_queue_depth{queue=\"a\"} 1", "datagateway_queue_depth{queue=\"b\"} 1"], harness.Samples());
        queues.Remove("a");
        Assert.Equal(["datagateway_queue_depth{queue=\"b\"} 1"], harness.Samples());
    }

    [Fact]
    public void Scrape_ObservableCounterAndUpDownCounter_ReportTheirRunningValues()
    {
        using var harness = new ExporterHarness();
        var total = 10L;
        harness.Meter.CreateObservableCounter("datagateway.journal.written", () => total, "By", "Bytes journaled");
        harness.Meter.CreateObservableUpDownCounter("datagateway.journal.backlog", () => -2, "{record}", "Backlog");

        harness.Scrape();
        total = 25;

        Assert.Equal(
            """
            # HELP datagateway_journal_backlog Backlog
            # TYPE datagateway_journal_backlog gauge
            datagateway_journal_backlog -2
            # HELP datagateway_journal_written_bytes_total Bytes journaled
            # TYPE datagateway_journal_written_bytes_total counter
            datagateway_journal_written_bytes_total 25

            """, harness.Scrape());
    }

    [Fact]
    public void Scrape_FailingObservableCallback_LeavesTheOtherInstrumentsIn()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateObservableGauge("datagateway.broken", int () => throw new InvalidOperationException("broken"));
        harness.Meter.CreateObservableGauge("datagateway.fine", () => 1);

        Assert.Equal(["datagateway_fine 1"], harness.Samples());
    }

    [Fact]
    public void Scrape_SynchronousGauge_KeepsTheLastValue()
    {
        using var harness = new ExporterHarness();
        var gauge = harness.Meter.CreateGauge<double>("datagateway.catalog.version");

        gauge.Record(4);
        gauge.Record(5);

        Assert.Equal(["datagateway_catalog_version 5"], harness.Samples());
    }

    [Fact]
    public void Scrape_InstrumentOfANonMatchingMeter_IsNotExported()
    {
        using var harness = new ExporterHarness();
        using var other = new Meter("Other." + harness.MeterName);
        other.CreateCounter<int>("other.calls").Add(1);
        harness.Meter.CreateCounter<int>("datagateway.calls").Add(1);

        Assert.Equal(["datagateway_calls_total 1"], harness.Samples());
    }

    [Fact]
    public void Scrape_Families_AreSortedByName()
    {
        using var harness = new ExporterHarness();
        harness.Meter.CreateCounter<int>("datagateway.z").Add(1);
        harness.Meter.CreateCounter<int>("datagateway.a").Add(1);
        harness.Meter.CreateCounter<int>("datagateway.m").Add(1);

        Assert.Equal(["datagateway_a_total 1", "datagateway_m_total 1", "datagateway_z_total 1"], harness.Samples());
    }

    [Fact]
    public void Scrape_NothingMeasured_IsEmpty()
    {
        using var harness = new ExporterHarness();

        Assert.Equal("", harness.Scrape());
    }

    [Fact]
    public void Scrape_DisposedMeter_LeavesTheScrape()
    {
        using var harness = new ExporterHarness();
        using var second = new Meter(harness.MeterName + ".second");
        second.CreateCounter<int>("datagateway.second").Add(1);
        harness.Meter.CreateCounter<int>("datagateway.first").Add(1);

        second.Dispose();

        Assert.Equal(["datagateway_first_total 1"], harness.Samples());
    }

    [Fact]
    public void Scrape_TwoMetersWithOneInstrumentName_AreAddedIntoOneFamily()
    {
        using var harness = new ExporterHarness();
        using var second = new Meter(harness.MeterName);
        harness.Meter.CreateCounter<int>("datagateway.calls").Add(2, Tag("a", "1"));
        second.CreateCounter<int>("datagateway.calls").Add(3, Tag("a", "1"));

        var scrape = harness.Scrape();

        Assert.Single(scrape.Split('\n'), l => l.StartsWith("# TYPE", StringComparison.Ordinal));
        Assert.Equal(["datagateway_calls_total{a=\"1\"} 5"], harness.Samples());
    }

    [Fact]
    public void Scrape_PastTheSeriesLimit_FurtherTagSetsShareTheOverflowSeries()
    {
        using var harness = new ExporterHarness(o => o.MaxSeriesPerInstrument = 2);
        var calls = harness.Meter.CreateCounter<int>("datagateway.calls");

        foreach (var id in new[] { "a", "b", "c", "d", "a" })
        {
            calls.Add(1, Tag("id", id));
        }

        Assert.Equal(
            ["datagateway_calls_total{id=\"a\"} 2", "datagateway_calls_total{id=\"b\"} 1", "datagateway_calls_total{otel_metric_overflow=\"true\"} 2"],
            harness.Samples());
    }

    [Fact]
    public void Record_KnownSeries_AllocatesNothing()
    {
        using var harness = new ExporterHarness();
        var calls = harness.Meter.CreateCounter<long>("datagateway.calls");
        var duration = harness.Meter.CreateHistogram<double>("datagateway.duration", "s");
        var dataset = Tag("dataset", "housing");
        var status = Tag("status", "200");
        calls.Add(1, dataset, status);
        duration.Record(0.01, dataset, status);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 10_000; i++)
        {
            calls.Add(1, status, dataset);
            duration.Record(0.01, dataset, status);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Equal("datagateway_calls_total{dataset=\"housing\",status=\"200\"} 10001", harness.Samples()[0]);
    }

    [Fact]
    public void AddPrometheusMetrics_ByDefault_ExportsMetersNamedDataGateway()
    {
        using var provider = new ServiceCollection().AddLogging().AddPrometheusMetrics().BuildServiceProvider();
        var exporter = provider.GetRequiredService<IPrometheusExporter>();
        var ours = $"DataGateway.Tests.{Guid.NewGuid():N}";
        using var meter = new Meter(ours);
        meter.CreateCounter<int>(ours + ".calls").Add(1);
        using var foreign = new Meter($"Foreign.{Guid.NewGuid():N}");
        foreign.CreateCounter<int>("foreign.calls." + ours).Add(1);

        var lines = exporter.Scrape().Split('\n');

        Assert.Contains($"{ours.Replace('.', '_')}_calls_total 1", lines);
        Assert.DoesNotContain(lines, l => l.StartsWith("foreign_", StringComparison.Ordinal));
        Assert.Equal([PrometheusMetricsOptions.DefaultMeterPrefix], new PrometheusMetricsOptions().MeterPrefixes);
    }
}
