namespace DataGateway.Catalog.Store.Datasets;

/// <summary>
/// The rules of a price schedule, in one place for the projection, the API and the bills: the entry in effect at a
/// moment, and what setting a dataset's prices or scheduling a change does to the schedule.
/// </summary>
public static class DatasetPrices
{
    /// <summary>
    /// The entry in effect at <paramref name="at"/>: the latest one that began by then; before the first entry, the
    /// first (as the policy engine's <c>PriceSchedule</c> does). Null for an empty schedule.
    /// </summary>
    public static DatasetPriceEntry? At(IReadOnlyList<DatasetPriceEntry> schedule, DateTimeOffset at)
    {
        DatasetPriceEntry? inEffect = null;
        foreach (var entry in schedule)
        {
            if (entry.EffectiveFrom > at)
            {
                break;
            }

            inEffect = entry;
        }

        return inEffect ?? (schedule.Count > 0 ? schedule[0] : null);
    }

    /// <summary>
    /// The schedule with <paramref name="entry"/> added, or replacing the entry of the same instant (a correction).
    /// </summary>
    public static DatasetPriceEntry[] With(IReadOnlyList<DatasetPriceEntry> schedule, DatasetPriceEntry entry) =>
        [.. schedule.Where(e => e.EffectiveFrom != entry.EffectiveFrom).Append(entry).OrderBy(e => e.EffectiveFrom)];

    /// <summary>
    /// A dataset's own prices, written at <paramref name="at"/>, mean "these prices from now on": an entry is added
    /// only when they differ from the entry in effect then (a scheduled change may have taken effect since they were
    /// last written), so rewriting a dataset unchanged leaves its schedule alone.
    /// </summary>
    public static DatasetPriceEntry[] Set(IReadOnlyList<DatasetPriceEntry> schedule, DatasetContent content, DateTimeOffset at)
    {
        var current = At(schedule, at);
        if (current is not null && current.EffectiveFrom <= at
            && (current.QueryPrice, current.VerifyPrice, current.RevenueShare) == (content.QueryPrice, content.VerifyPrice, content.RevenueShare))
        {
            return [.. schedule];
        }

        return With(schedule, new DatasetPriceEntry(at, content.QueryPrice, content.VerifyPrice, content.RevenueShare));
    }

    /// <summary>
    /// What a deletion at <paramref name="at"/> keeps: the entries that have priced calls (for the bills), not the
    /// changes that never took effect.
    /// </summary>
    public static DatasetPriceEntry[] Deleted(IReadOnlyList<DatasetPriceEntry> schedule, DateTimeOffset at) =>
        [.. schedule.Where(e => e.EffectiveFrom <= at)];
}
