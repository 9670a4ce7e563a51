using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Numerics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using DataGateway.Common.Logging;

namespace DataGateway.Common.Metrics;

/// <summary>
/// Listens to every instrument of the configured meters from the moment it is created and keeps their measurements
/// in memory until a scrape reads them.
/// </summary>
/// <remarks>
/// Measurements arrive on the callers' threads, on the proxy's hot path; they update atomics in a series found
/// without locks. Scrapes are serialized with each other only, because collecting observable instruments resets
/// their series.
/// </remarks>
internal sealed partial class MetricsCollector : IPrometheusExporter, IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentFamily> _families = new();
    private readonly Lock _scrapeGate = new();
    private readonly string[] _meterPrefixes;
    private readonly PrometheusMetricsOptions _options;
    private readonly ILogger _logger;

    public MetricsCollector(IOptions<PrometheusMetricsOptions> options, ILogger<MetricsCollector>? logger = null)
    {
        _options = options.Value;
        _meterPrefixes = [.. _options.MeterPrefixes];
        _logger = logger ?? NullLogger<MetricsCollector>.Instance;
        _listener.InstrumentPublished = Subscribe;
        // A disposed meter's instruments leave the scrape, so short-lived meters (tests, per-host factories) do not pile up.
        _listener.MeasurementsCompleted = (instrument, _) => _families.TryRemove(instrument, out InstrumentFamily? _);
        Listen<byte>();
        Listen<short>();
        Listen<int>();
        Listen<long>();
        Listen<float>();
        Listen<double>();
        Listen<decimal>();
        _listener.Start();
    }

    public string Scrape()
    {
        lock (_scrapeGate)
        {
            foreach (var family in _families.Values)
            {
                family.BeginCollection();
            }

            try
            {
                _listener.RecordObservableInstruments();
            }
            catch (AggregateException ex)
            {
                // One failing callback should not cost the scrape every other instrument's values.
                LogObservableFailed(_logger, ex.InnerExceptions.Count, ex.InnerException?.Message);
            }

            return ExpositionWriter.Write(_families.Values);
        }
    }

    public void Dispose() => _listener.Dispose();

    private void Subscribe(Instrument instrument, MeterListener listener)
    {
        if (!IsExported(instrument.Meter.Name) || InstrumentFamilies.Create(instrument, _options) is not { } family)
        {
            return;
        }

        _families[instrument] = family;
        // The family rides along as the listener's state, so a measurement reaches it without a lookup.
        listener.EnableMeasurementEvents(instrument, family);
    }

    private bool IsExported(string meterName)
    {
        foreach (var prefix in _meterPrefixes)
        {
            if (meterName.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    private void Listen<T>() where T : struct, INumberBase<T> =>
        _listener.SetMeasurementEventCallback<T>(static (_, measurement, tags, state) =>
            ((InstrumentFamily)state!).Record(double.CreateTruncating(measurement), tags));

    [LoggerMessage(EventId = EventIds.MetricsObservableFailed, Level = LogLevel.Warning, Message = "{Count} observable instruments failed at a scrape and were left out: {Reason}")]
    private static partial void LogObservableFailed(ILogger logger, int count, string? reason);
}
