using JasperFx.Events;
using Marten.Events.Aggregation;

namespace DataGateway.Catalog.Store.Consents;

/// <summary>Folds a consent's stream into its <see cref="ConsentRevocationDocument"/>, inline: the first withdrawal is the one kept.</summary>
public sealed class ConsentRevocationProjection : SingleStreamProjection<ConsentRevocationDocument, string>
{
    public override ConsentRevocationDocument? Evolve(ConsentRevocationDocument? snapshot, string id, IEvent e) => Next(snapshot, id, e.Data, e.Version);

    public static ConsentRevocationDocument? Next(ConsentRevocationDocument? snapshot, string id, object data, long version) => data switch
    {
        ConsentRevoked r when snapshot is null => new ConsentRevocationDocument
        {
            Id = id, ConsentId = r.ConsentId, RevokedAt = r.At, RevokedBy = r.Actor, Reason = r.Reason, ExpiresAt = r.ExpiresAt, Version = version,
        },
        _ => snapshot,
    };
}
