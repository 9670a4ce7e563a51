namespace DataGateway.Catalog.Applications;

/// <summary>The orders the list of applications comes in (<c>?order=</c>): by submission time, newest (the default) or oldest first.</summary>
public static class ApplicationOrders
{
    public const string Newest = "newest";
    public const string Oldest = "oldest";

    public static readonly string[] All = [Newest, Oldest];
}
