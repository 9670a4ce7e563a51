using System.Diagnostics.Metrics;
using DataGateway.Common.Metrics;
using Microsoft.Extensions.Options;

namespace DataGateway.Common.Tests.Metrics;

/// <summary>
/// A collector that exports only this test's own meter: its name is unique, and so is the prefix the collector
/// listens for, so tests running in parallel never see each other's instruments.
/// </summary>
internal sealed class ExporterHarness : IDisposable
{
    private readonly MetricsCollector _collector;

    public ExporterHarness(Action<PrometheusMetricsOptions>? configure = null)
    {
        MeterName = $"MetricsTest.{Guid.NewGuid():N}";
        var options = new PrometheusMetricsOptions();
        options.MeterPrefixes.Clear();
        options.MeterPrefixes.Add(MeterName);
        configure?.Invoke(options);
        Meter = new Meter(MeterName);
        _collector = new MetricsCollector(Options.Create(options));
    }

    public string MeterName { get; }

    public Meter Meter { get; }

    public string Scrape() => _collector.Scrape();

    /// <summary>The scrape's lines, without HELP and TYPE.</summary>
    public string[] Samples() => Scrape().Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')).ToArray();

    public void Dispose()
    {
        Meter.Dispose();
        _collector.Dispose();
    }
}
