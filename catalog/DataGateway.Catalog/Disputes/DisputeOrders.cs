namespace DataGateway.Catalog.Disputes;

/// <summary>
/// The orders of the inbox (<c>?order=</c>): <c>oldest</c> (the default) by deadline, the one due first on top, so a
/// department works its disputes in the order they fall due; <c>newest</c> by the time raised, latest first.
/// </summary>
public static class DisputeOrders
{
    public const string Oldest = "oldest";
    public const string Newest = "newest";

    public static readonly string[] All = [Oldest, Newest];
}
