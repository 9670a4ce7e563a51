using DataGateway.Catalog.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Disputes;

/// <summary>The disputes' own refusals, with their codes from <see cref="CatalogProblems"/> and texts from the message table.</summary>
internal static class DisputeProblems
{
    /// <summary>
    /// 422 for every way the ledger fails to prove receipt, with one code and one text that repeats only what the
    /// caller sent: no answer tells a missing call from another caller's, or a key or field the call did not carry.
    /// </summary>
    public static ProblemHttpResult NotReceived(Guid requestId) =>
        CatalogProblems.Problem(StatusCodes.Status422UnprocessableEntity, CatalogProblems.DisputeNotReceived, CatalogMessages.Get("dispute_not_received.detail", requestId));

    public static ProblemHttpResult NotDisputable(string dataset) =>
        CatalogProblems.Conflict(CatalogProblems.DisputeNotDisputable, CatalogMessages.Get("dispute_not_disputable.detail", dataset));

    /// <summary>409 naming the caller's dispute already open on the same field of the same record (<c>disputeId</c>).</summary>
    public static ProblemHttpResult AlreadyOpen(Guid openId) => TypedResults.Problem(
        detail: CatalogMessages.Get("dispute_already_open.detail", openId),
        statusCode: StatusCodes.Status409Conflict,
        title: CatalogMessages.Get(CatalogProblems.DisputeAlreadyOpen),
        extensions: new Dictionary<string, object?> { ["code"] = CatalogProblems.DisputeAlreadyOpen, ["disputeId"] = openId });

    public static ProblemHttpResult AnswerNotAllowed(Guid id) =>
        CatalogProblems.Forbidden(CatalogProblems.DisputeAnswerNotAllowed, CatalogMessages.Get("dispute_answer_not_allowed.detail", id));

    public static ProblemHttpResult IllegalTransition(Guid id, string state, string outcome) =>
        CatalogProblems.Conflict(CatalogProblems.IllegalTransition, CatalogMessages.Get("illegal_transition.dispute", id, state, outcome));
}
