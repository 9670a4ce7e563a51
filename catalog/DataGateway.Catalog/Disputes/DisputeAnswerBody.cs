namespace DataGateway.Catalog.Disputes;

/// <summary>The owning department's answer (<c>POST /v1/disputes/{id}/answer</c>).</summary>
/// <param name="Outcome"><c>corrected</c> (settled), <c>pending</c> (confirmed, correction pending; still open) or <c>rejected</c> (settled).</param>
/// <param name="Reason">Why; required for <c>pending</c> and <c>rejected</c>.</param>
/// <param name="CorrectedValue">The field's value after the correction, for <c>corrected</c> only (optional).</param>
public sealed record DisputeAnswerBody(string? Outcome, string? Reason, string? CorrectedValue);
