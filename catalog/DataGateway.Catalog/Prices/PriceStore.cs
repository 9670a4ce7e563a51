using DataGateway.Catalog.Datasets;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Datasets;
using DataGateway.Common;
using DataGateway.Policy.Model;
using Marten;

namespace DataGateway.Catalog.Prices;

/// <summary>
/// Price schedules in Marten: a schedule is part of its dataset's document (<see cref="DatasetDocument.Prices"/>), and a
/// scheduled change is a <see cref="PriceScheduled"/> event on the dataset's stream.
/// </summary>
public static class PriceStore
{
    /// <summary>The dataset's schedule, oldest first, the entry in effect at <paramref name="now"/> marked; null when no such dataset is in the catalog.</summary>
    public static async Task<PriceScheduleView?> ReadAsync(IQuerySession session, string code, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var document = await session.LoadAsync<DatasetDocument>(code, cancellationToken);
        if (!DatasetStore.IsLive(document))
        {
            return null;
        }

        var inEffect = DatasetPrices.At(document!.Prices, now);
        return new PriceScheduleView(code, [.. document.Prices.Select(p => View(p, ReferenceEquals(p, inEffect)))]);
    }

    /// <summary>The database's clock, which the minimum notice of a change is measured by.</summary>
    public static async Task<DateTimeOffset> NowAsync(CatalogTransaction tx, CancellationToken cancellationToken)
    {
        await using var command = tx.Command("select now()");
        // Npgsql reads a timestamptz scalar as a UTC DateTime.
        return new DateTimeOffset((DateTime)(await command.ExecuteScalarAsync(cancellationToken))!);
    }

    /// <summary>
    /// Appends the change to the dataset's stream at <paramref name="version"/>: it adds the entry, or replaces the one
    /// scheduled at the same instant (a correction). Returns the replaced entry (null if none) and the new one, for the
    /// history. The caller has checked that it lies in the future.
    /// </summary>
    public static (DatasetPriceEntry? Before, DatasetPriceEntry After, PriceView Stored) Schedule(
        CatalogTransaction tx, DatasetDocument current, long version, DatasetPrice entry)
    {
        var stored = new DatasetPriceEntry(entry.EffectiveFrom, entry.QueryPrice, entry.VerifyPrice, entry.RevenueShare);
        var before = current.Prices.FirstOrDefault(p => p.EffectiveFrom == stored.EffectiveFrom);
        DatasetStore.Append(tx, current.Id, version, current, new PriceScheduled(stored, tx.Actor, tx.Now));
        return (before, stored, View(stored, inEffect: false));
    }

    private static PriceView View(DatasetPriceEntry p, bool inEffect) =>
        new(ShanghaiTime.Of(p.EffectiveFrom), p.QueryPrice, p.VerifyPrice, p.RevenueShare, inEffect);
}
