using DataGateway.Common.Consent;
using DataGateway.Common.Identity;
using Microsoft.AspNetCore.Http.Features;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Gateway.Consent;

/// <summary>
/// The data subject's consent (持证主体授权) an operator's call to a consent-required dataset must carry: verified
/// (<see cref="ConsentValidator"/>), not withdrawn (the snapshot's revocations), given to this operator, for this
/// dataset and the scenario of the grant the decision used, and covering every field the call returns.
/// </summary>
/// <remarks>
/// <para>Only operators need one (授权运营: the measures' 第十九条 is about social use of a holder's record); districts,
/// departments and the owner read under their own rules. A dataset needs one when it names a
/// <see cref="Dataset.ConsentSubjectField"/>.</para>
/// <para>The order of the checks keeps what a refusal tells to what the caller already holds: a consent of another
/// operator is refused as foreign before anything about its state (withdrawn or not) is said. Rows are never part of
/// a refusal: whether the subject has records at all is not checked here, so no answer tells it.</para>
/// </remarks>
internal sealed class ConsentCheck(ConsentValidator validator)
{
    /// <summary>Whether the call needs a consent at all.</summary>
    public static bool Applies(Dataset dataset, CallerIdentity caller) =>
        dataset.ConsentSubjectField is not null && caller.Kind == OrganizationKind.Operator;

    /// <param name="decision">The allowing decision of the policy engine (and OPA) for the call.</param>
    /// <param name="requestedFields">The fields the call names (<c>?fields=</c>, verify's match fields); null for "all I may see".</param>
    public async Task<ConsentOutcome> CheckAsync(HttpContext http, CatalogSnapshot snapshot, Decision decision, IReadOnlyList<string>? requestedFields)
    {
        var dataset = decision.Dataset!;
        var caller = http.Features.GetRequiredFeature<ICallerFeature>().Caller;
        if (!validator.IsConfigured)
        {
            return Refuse(ReasonCodes.ConsentUnavailable, "No consent issuer is configured; consent-required datasets are closed to operators.", dataset);
        }

        if (!http.Request.Headers.TryGetValue(ConsentToken.Header, out var values) || values.Count == 0 || string.IsNullOrEmpty(values[0]))
        {
            return Refuse(ReasonCodes.ConsentRequired, $"'{dataset.Code}' needs the data subject's consent in {ConsentToken.Header}.", dataset);
        }

        if (values.Count > 1 || values[0]!.Length > MaxCredentialLength)
        {
            return Refuse(ReasonCodes.ConsentInvalid, $"Send one consent, of at most {MaxCredentialLength} characters.", dataset);
        }

        var verification = await validator.VerifyAsync(values[0]!);
        if (verification.Token is not { } consent)
        {
            return Refuse(verification.ReasonCode!, verification.Detail!, dataset);
        }

        if (!string.Equals(consent.Operator, caller.OrganizationId, StringComparison.Ordinal))
        {
            // Recorded with the consent it names: the subject's access report then shows who tried to use it.
            return Refuse(ReasonCodes.ConsentForeign, "The consent was given to another operator.", dataset, consent);
        }

        if (snapshot.IsConsentRevoked(consent.Id))
        {
            return Refuse(ReasonCodes.ConsentRevoked, "The data subject withdrew the consent.", dataset, consent);
        }

        if (!string.Equals(consent.Dataset, dataset.Code, StringComparison.Ordinal)
            || decision.Grant is not { } grant
            || !string.Equals(consent.Scenario, grant.Scenario, StringComparison.Ordinal))
        {
            return Refuse(ReasonCodes.ConsentMismatch, "The consent is for another dataset or scenario.", dataset, consent);
        }

        if (requestedFields is not null)
        {
            var beyond = requestedFields.Where(f => !consent.Fields.Contains(f)).Distinct(StringComparer.Ordinal).ToList();
            if (beyond.Count > 0)
            {
                return Refuse(ReasonCodes.ConsentMismatch, "The consent does not cover every field asked for.", dataset, consent, beyond);
            }
        }

        // No ?fields=: what the grant allows and the subject consented to, both.
        var fields = decision.Fields.Where(f => consent.Fields.Contains(f.Name)).ToList();
        if (fields.Count == 0)
        {
            return Refuse(ReasonCodes.ConsentMismatch, "The consent covers none of the fields the grant allows.", dataset, consent);
        }

        var narrowed = fields.Count == decision.Fields.Count
            ? decision
            : Decision.Allow(decision.ReasonCode, dataset, fields, decision.Districts, decision.Grant, decision.UnitPrice);
        return new ConsentOutcome(narrowed, consent);
    }

    /// <summary>A credential longer than this is not a consent (the demo's are about 600 characters).</summary>
    public const int MaxCredentialLength = 8192;

    private static ConsentOutcome Refuse(string code, string detail, Dataset dataset, ConsentToken? consent = null, IReadOnlyList<string>? fields = null) =>
        new(Decision.Deny(code, detail, dataset, fields), consent);
}
