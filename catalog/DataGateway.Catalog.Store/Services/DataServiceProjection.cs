using JasperFx.Events;
using Marten.Events.Aggregation;

namespace DataGateway.Catalog.Store.Services;

/// <summary>
/// Folds a data service's stream into its document, inline. The fold is a pure function (<see cref="Next"/>) so the
/// history can replay it to show each change's before and after.
/// </summary>
public sealed class DataServiceProjection : SingleStreamProjection<DataServiceDocument, string>
{
    public override DataServiceDocument? Evolve(DataServiceDocument? snapshot, string id, IEvent e) => Next(snapshot, id, e.Data, e.Version);

    /// <summary>The state after event <paramref name="data"/> (the stream's <paramref name="version"/>th); null once deleted. Never changes <paramref name="snapshot"/>.</summary>
    public static DataServiceDocument? Next(DataServiceDocument? snapshot, string id, object data, long version)
    {
        var next = data switch
        {
            DataServiceRegistered r => new DataServiceDocument
            {
                Id = id, OwnerId = r.OwnerId, BaseAddress = r.BaseAddress, DistrictAddresses = r.DistrictAddresses, TimeoutMs = r.TimeoutMs, UpdatedAt = r.At,
            },
            DataServiceChanged c when snapshot is not null => new DataServiceDocument
            {
                Id = id, OwnerId = c.OwnerId, BaseAddress = c.BaseAddress, DistrictAddresses = c.DistrictAddresses, TimeoutMs = c.TimeoutMs, UpdatedAt = c.At,
            },
            DataServiceDeleted => null,
            _ => snapshot,
        };

        if (next is not null && !ReferenceEquals(next, snapshot))
        {
            next.Version = version;
        }

        return next;
    }
}
