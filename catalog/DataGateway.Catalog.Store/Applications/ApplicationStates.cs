namespace DataGateway.Catalog.Store.Applications;

/// <summary>
/// An application's states, and the one rule of its workflow: only a submitted application is decided, once
/// (approved, rejected or withdrawn), and no decision is ever undone.
/// </summary>
public static class ApplicationStates
{
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string Rejected = "rejected";
    public const string Withdrawn = "withdrawn";

    /// <summary>True when an application in <paramref name="state"/> may still be decided.</summary>
    public static bool MayDecide(string state) => state == Submitted;
}
