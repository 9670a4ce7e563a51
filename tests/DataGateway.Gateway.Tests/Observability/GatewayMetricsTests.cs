using DataGateway.Gateway.Observability;

namespace DataGateway.Gateway.Tests.Observability;

/// <summary>
/// Issue 13, point 2: the gateway's instruments are native prometheus-net collectors, and a call measures on the
/// proxy's hot path: once a series has been seen, measuring it again allocates nothing (prometheus-net's own
/// <c>WithLabels(…)</c> would, per call).
/// </summary>
public class GatewayMetricsTests
{
    [Fact]
    public void CallCompleted_KnownSeries_AllocatesNothing()
    {
        // Strings the caller already holds, as the middleware passes them: the dataset code of the catalog snapshot, a constant kind and reason.
        var dataset = "alloc-" + Guid.NewGuid().ToString("N");
        // The first round creates the series (and whatever prometheus-net initializes once); the second is measured.
        Measure(dataset, 100);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Measure(dataset, 10_000);

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    private static void Measure(string dataset, int times)
    {
        for (var i = 0; i < times; i++)
        {
            GatewayMetrics.CallCompleted(dataset, "operator", "granted", 200, 0.004, 0.001);
            GatewayMetrics.CallCompleted(dataset, "operator", "granted", 200, 0.004, null);
            GatewayMetrics.QuotaRejected(dataset);
        }
    }
}
