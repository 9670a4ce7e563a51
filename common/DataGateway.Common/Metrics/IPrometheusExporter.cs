namespace DataGateway.Common.Metrics;

/// <summary>The platform's metrics in the Prometheus text format, as <c>/metrics</c> serves them.</summary>
public interface IPrometheusExporter
{
    /// <summary>Asks the observable instruments for their values and writes every exported family.</summary>
    /// <returns>The exposition, <c>text/plain; version=0.0.4</c>; empty when no instrument is exported yet.</returns>
    string Scrape();
}
