using JasperFx.Events;
using Marten.Events.Aggregation;

namespace DataGateway.Catalog.Store.Datasets;

/// <summary>
/// Folds a dataset's stream into its document, inline (in the transaction that appends). The fold is a pure function
/// (<see cref="Next"/>) so the history can replay it event by event to show each change's before and after.
/// </summary>
public sealed class DatasetProjection : SingleStreamProjection<DatasetDocument, string>
{
    public override DatasetDocument? Evolve(DatasetDocument? snapshot, string id, IEvent e) => Next(snapshot, id, e.Data, e.Version);

    /// <summary>The state after event <paramref name="data"/> (the stream's <paramref name="version"/>th). Never changes <paramref name="snapshot"/>.</summary>
    public static DatasetDocument? Next(DatasetDocument? snapshot, string id, object data, long version)
    {
        var live = snapshot is { DeletedAt: null };
        var next = data switch
        {
            // A code that comes back keeps the schedule entries that priced its first life's calls.
            DatasetRegistered r when !live => Make(id, r.Content, DatasetPrices.Set(snapshot?.Prices ?? [], r.Content, r.At), r.At, r.At, null),
            DatasetChanged c when live => Make(id, c.Content, DatasetPrices.Set(snapshot!.Prices, c.Content, c.At), snapshot.CreatedAt, c.At, null),
            PriceScheduled p when live => Make(id, snapshot!.Content(), DatasetPrices.With(snapshot.Prices, p.Entry), snapshot.CreatedAt, p.At, null),
            DatasetDeleted d when live => Make(id, snapshot!.Content(), DatasetPrices.Deleted(snapshot.Prices, d.At), snapshot.CreatedAt, d.At, d.At),
            _ => snapshot,
        };

        if (next is not null && !ReferenceEquals(next, snapshot))
        {
            next.Version = version;
        }

        return next;
    }

    /// <summary>The search text of a dataset (<see cref="DatasetDocument.SearchText"/>).</summary>
    public static string SearchTextOf(string code, DatasetContent content) =>
        string.Join(' ', new[] { code, content.Title, content.Description, content.Domain, content.OwnerId }
            .Concat(content.Fields.SelectMany(f => new[] { f.Name, f.Title }))).ToLowerInvariant();

    private static DatasetDocument Make(
        string id, DatasetContent content, DatasetPriceEntry[] prices, DateTimeOffset createdAt, DateTimeOffset updatedAt, DateTimeOffset? deletedAt) => new()
    {
        Id = id, Title = content.Title, Description = content.Description, OwnerId = content.OwnerId, ServiceId = content.ServiceId,
        Path = content.Path, Domain = content.Domain, Sharing = content.Sharing, OpenForOperation = content.OpenForOperation,
        DistrictField = content.DistrictField, RecordPath = content.RecordPath, DistrictReturnFields = content.DistrictReturnFields,
        QueryPrice = content.QueryPrice, VerifyPrice = content.VerifyPrice, RevenueShare = content.RevenueShare,
        StandardLevel = content.StandardLevel, MaxPageSize = content.MaxPageSize, Fields = content.Fields,
        ConsentSubjectField = content.ConsentSubjectField, RecordKeyField = content.RecordKeyField, DisputeAnswerDays = content.DisputeAnswerDays, Prices = prices, SearchText = SearchTextOf(id, content), DeletedAt = deletedAt,
        CreatedAt = createdAt, UpdatedAt = updatedAt,
    };
}
