namespace DataGateway.Policy.Model;

/// <summary>
/// A dataset's prices over time, oldest first. The engine asks for the entry in effect at the call's time, so a
/// scheduled change takes effect at its time in every gateway that has loaded it, without a reload.
/// </summary>
/// <remarks>
/// Before the first entry, the first applies. A call can only precede its dataset's first entry by clock skew between
/// a gateway and the database (a dataset's first entry is written when it is created), and the price the catalog set
/// is closer to the truth than no price at all.
/// </remarks>
public sealed class PriceSchedule
{
    private readonly DatasetPrice[] _entries;

    public PriceSchedule(IEnumerable<DatasetPrice> entries)
    {
        _entries = entries.OrderBy(e => e.EffectiveFrom).ToArray();
        if (_entries.Length == 0)
        {
            throw new ArgumentException("A price schedule needs at least one entry.", nameof(entries));
        }

        for (var i = 1; i < _entries.Length; i++)
        {
            if (_entries[i].EffectiveFrom == _entries[i - 1].EffectiveFrom)
            {
                // Two entries at one instant would make the price at that instant depend on the order they were read in.
                throw new ArgumentException($"Two entries take effect at {_entries[i].EffectiveFrom:O}.", nameof(entries));
            }
        }
    }

    /// <summary>The same prices at all times.</summary>
    public static PriceSchedule Constant(decimal queryPrice, decimal verifyPrice, decimal revenueShare = 0m) =>
        new([new DatasetPrice(DateTimeOffset.MinValue, queryPrice, verifyPrice, revenueShare)]);

    /// <summary>No charge at any time.</summary>
    public static PriceSchedule Free { get; } = Constant(0m, 0m);

    /// <summary>Every entry, oldest first.</summary>
    public IReadOnlyList<DatasetPrice> Entries => _entries;

    /// <summary>The entry in effect at <paramref name="at"/>: the last one whose effective time is not after it.</summary>
    public DatasetPrice At(DateTimeOffset at)
    {
        // From the newest back: a loaded schedule holds the entry in effect now and the few scheduled after it, so the
        // one wanted is almost always among the last two. No search structure beats that.
        for (var i = _entries.Length - 1; i > 0; i--)
        {
            if (_entries[i].EffectiveFrom <= at)
            {
                return _entries[i];
            }
        }

        return _entries[0];
    }
}
