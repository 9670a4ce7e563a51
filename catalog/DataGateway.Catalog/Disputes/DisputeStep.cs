namespace DataGateway.Catalog.Disputes;

/// <summary>One event of a dispute's history: who (an organization), when, what (raised, confirmed_pending, corrected, rejected) and why.</summary>
/// <param name="Version">The dispute's version after the step (its ETag then).</param>
public sealed record DisputeStep(long Version, DateTimeOffset At, string Actor, string Action, string? Reason, string? CorrectedValue);
