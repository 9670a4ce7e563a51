namespace DataGateway.Common.Metrics;

/// <summary>One labelled value of a counter or gauge.</summary>
internal sealed class ValueSeries(TagSet tags) : ISeries
{
    private double _value;

    public TagSet Tags { get; } = tags;

    public double Value => Volatile.Read(ref _value);

    public void Add(double delta) => AtomicDouble.Add(ref _value, delta);

    public void Set(double value) => Volatile.Write(ref _value, value);
}
