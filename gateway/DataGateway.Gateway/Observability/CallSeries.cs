using System.Collections.Concurrent;
using System.Globalization;
using Prometheus;

namespace DataGateway.Gateway.Observability;

/// <summary>
/// The children of one dataset and caller kind: its call-duration series, and its call counts by decision and
/// status, each looked up in prometheus-net once (see <see cref="GatewayMetrics"/>).
/// </summary>
internal sealed class CallSeries
{
    private readonly ConcurrentDictionary<(string Decision, int Status), Counter.Child> _calls = new();
    private readonly string _dataset;
    private readonly string _callerKind;
    private readonly Counter _counter;

    public CallSeries(string dataset, string callerKind, Counter calls, Histogram duration)
    {
        _dataset = dataset;
        _callerKind = callerKind;
        _counter = calls;
        Duration = duration.WithLabels(dataset, callerKind);
    }

    public Histogram.Child Duration { get; }

    public Counter.Child Calls(string decision, int status) =>
        _calls.TryGetValue((decision, status), out var known)
            ? known
            : _calls.GetOrAdd((decision, status), static (key, series) =>
                series._counter.WithLabels(series._dataset, series._callerKind, key.Decision, key.Status.ToString(CultureInfo.InvariantCulture)), this);
}
