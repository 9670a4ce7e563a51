namespace DataGateway.Catalog.Store.Disputes;

/// <summary>A dispute's stream id: a prefix and the dispute's id, so it can never name another entity's stream.</summary>
public static class DisputeStreams
{
    public const string Prefix = "dispute:";

    public static string For(Guid disputeId) => Prefix + disputeId.ToString("N");
}
