using DataGateway.Catalog.Store.Disputes;

namespace DataGateway.Catalog.Disputes;

/// <summary>
/// The answers a department gives and the states they lead to: open → confirmed_pending | corrected | rejected, and
/// confirmed_pending → corrected | rejected. Corrected and rejected are settled: nothing follows them.
/// </summary>
public static class DisputeOutcomes
{
    public const string Corrected = "corrected";
    public const string Pending = "pending";
    public const string Rejected = "rejected";

    public static readonly string[] All = [Corrected, Pending, Rejected];

    /// <summary>The state <paramref name="outcome"/> takes a dispute in <paramref name="state"/> to; null when the workflow does not allow it.</summary>
    public static string? After(string state, string outcome) => (state, outcome) switch
    {
        (DisputeStates.Open, Pending) => DisputeStates.ConfirmedPending,
        (DisputeStates.Open or DisputeStates.ConfirmedPending, Corrected) => DisputeStates.Corrected,
        (DisputeStates.Open or DisputeStates.ConfirmedPending, Rejected) => DisputeStates.Rejected,
        _ => null,
    };

    /// <summary>Whether a dispute in <paramref name="state"/> is settled (its recipients have been notified).</summary>
    public static bool IsSettled(string state) => state is DisputeStates.Corrected or DisputeStates.Rejected;
}
