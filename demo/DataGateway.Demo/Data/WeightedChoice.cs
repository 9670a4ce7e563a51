namespace DataGateway.Demo.Data;

/// <summary>Picks one of a fixed set of values with fixed integer weights.</summary>
internal sealed class WeightedChoice<T>
{
    private readonly T[] _values;
    private readonly int[] _cumulative;

    public WeightedChoice(params (T Value, int Weight)[] choices)
    {
        _values = [.. choices.Select(c => c.Value)];
        _cumulative = new int[choices.Length];
        var total = 0;
        for (var i = 0; i < choices.Length; i++)
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(choices[i].Weight);
            total += choices[i].Weight;
            _cumulative[i] = total;
        }
    }

    public IReadOnlyList<T> Values => _values;

    public T Pick(SeededRandom random)
    {
        var ticket = random.Next(_cumulative[^1]);
        var index = Array.BinarySearch(_cumulative, ticket + 1);
        return _values[index >= 0 ? index : ~index];
    }
}
