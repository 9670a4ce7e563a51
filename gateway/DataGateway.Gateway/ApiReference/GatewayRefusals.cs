using DataGateway.Gateway.Enforcement;
using DataGateway.Gateway.Forwarding;
using DataGateway.Gateway.Hosting;
using DataGateway.Gateway.Quotas;
using DataGateway.Gateway.Routing;
using DataGateway.Gateway.Verification;
using DataGateway.Policy.Decisions;
using DataGateway.Common.Problems;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.ApiReference;

/// <summary>
/// Every refusal of the data plane, for its OpenAPI document. Written by hand, because the status and the meaning
/// of each code are what a client needs and no constant carries them; a test keeps it complete (every reason code
/// and every code constant of the gateway must appear in the served document).
/// </summary>
internal static class GatewayRefusals
{
    /// <summary>The reason codes of an allowed call: they appear in the ledger and the metrics, never in a refusal.</summary>
    public static readonly string[] AllowReasons = [ReasonCodes.Granted, ReasonCodes.DistrictReturn, ReasonCodes.Owner];

    public static readonly Refusal[] All =
    [
        new(GatewayProblemCodes.ParameterInvalid, 400, "A query parameter is malformed or given twice: `fields` empty, `district` not six digits.", RefusalScope.Query),
        new(GatewayProblemCodes.ParameterNotAllowed, 400, "A query parameter that is neither `fields`, `district`, `page`, `size` nor a field the caller receives.", RefusalScope.Query),
        new(GatewayProblemCodes.DistrictRequired, 400, "The dataset is deployed per district (区级部署) and the caller has none: name one with `?district=`.", RefusalScope.Both),
        new(GatewayProblemCodes.PathAmbiguous, 400, "The path has encoded dots, slashes or backslashes, empty or dot segments, or control characters.", RefusalScope.Both),
        new(GatewayProblemCodes.PagingInvalid, 400, "`page` or `size` is not a whole number in range (digits 0-9 only; page 1 to 1000000, size from 1); `parameter` names it.", RefusalScope.Query),
        new(GatewayProblemCodes.PageSizeTooLarge, 400, "`size` is above the dataset's maximum page size; `maxPageSize` gives it.", RefusalScope.Query),
        new(GatewayProblemCodes.RequestBodyNotAllowed, 400, "A body (Content-Length, Transfer-Encoding or Expect) on a method that takes none; only verify calls take a body.", RefusalScope.Both),
        new(GatewayProblemCodes.RequestUpgradeNotAllowed, 400, "A protocol upgrade (Upgrade, Connection: upgrade, extended CONNECT): the gateway answers plain HTTP only.", RefusalScope.Both),
        new(EdgeProblemCodes.RequestMalformed, 400, "The request's body or framing could not be read (e.g. a malformed chunk).", RefusalScope.Both),
        new(GatewayProblemCodes.VerifyMemberDuplicate, 400, "The verify body names a member twice (also by an escaped spelling); `member` names it.", RefusalScope.Verify),
        new(GatewayProblemCodes.VerifyMemberUnknown, 400, "The verify body has a member other than `match`; `member` names it.", RefusalScope.Verify),
        new(GatewayProblemCodes.VerifyBodyInvalid, 400, "The body is not `{\"match\": {field: value, …}}` with 1 to 10 fields whose values are strings or numbers.", RefusalScope.Verify),

        new(ReasonCodes.CallerUnknown, 403, "The token's organization is not in the catalog, or its kind or district disagrees with the catalog.", RefusalScope.Both),
        new(ReasonCodes.DatasetNotShared, 403, "The dataset is not shared (不予共享).", RefusalScope.Both),
        new(ReasonCodes.GrantMissing, 403, "The caller holds no grant for the dataset: apply for one in the catalog.", RefusalScope.Both),
        new(ReasonCodes.GrantExpired, 403, "The caller's grant is past its validity.", RefusalScope.Both),
        new(ReasonCodes.GrantSuspended, 403, "The caller's grant is suspended by an admin.", RefusalScope.Both),
        new(ReasonCodes.GrantRevoked, 403, "The caller's grant was revoked.", RefusalScope.Both),
        new(ReasonCodes.FieldNotGranted, 403, "A requested field, or a field used as a filter, is not among those the caller may receive; `fields` lists them.", RefusalScope.Query),
        new(ReasonCodes.VerifyFieldNotGranted, 403, "A verify call matches on a field that is not among the grant's verify fields; `fields` lists them.", RefusalScope.Verify),
        new(ReasonCodes.FilterOnMaskedField, 403, "A query parameter filters on a field the caller receives only masked (a guessing oracle); verify tests a value instead. `fields` names it.", RefusalScope.Query),
        new(ReasonCodes.DistrictNotGranted, 403, "The requested district's rows are not granted to the caller.", RefusalScope.Both),
        new(ReasonCodes.DomainNotLicensed, 403, "An operator calls a dataset outside its licensed domains (授权运营), or one not open for authorized operation.", RefusalScope.Both),
        new(ReasonCodes.ConsentRequired, 403, "An operator's call to a dataset that needs its data subject's consent (持证主体授权) carries none in `X-Consent-Token`.", RefusalScope.Both),
        new(ReasonCodes.ConsentInvalid, 403, "The `X-Consent-Token` is not a consent of the configured issuer: signature, key, issuer, `typ` (must be `dg-consent+jwt`; a caller token is refused), claims, or a lifetime beyond the cap.", RefusalScope.Both),
        new(ReasonCodes.ConsentExpired, 403, "The consent is past its `exp`.", RefusalScope.Both),
        new(ReasonCodes.ConsentRevoked, 403, "The data subject withdrew the consent.", RefusalScope.Both),
        new(ReasonCodes.ConsentForeign, 403, "The consent was given to another operator.", RefusalScope.Both),
        new(ReasonCodes.ConsentMismatch, 403, "The consent is for another dataset or scenario, or a field asked for (`?fields=`, verify's match fields) is outside it; `fields` lists such fields.", RefusalScope.Both),
        new(ReasonCodes.ConsentUnavailable, 403, "The dataset needs a consent and the gateway has no consent issuer configured (`DataGateway:Consent`): operators are refused (fail closed).", RefusalScope.Both),
        new(ReasonCodes.ExternalPolicyDenied, 403, "The external policy server (OPA) denied the call, or left out a field or district the call asks for (`fields` lists such fields).", RefusalScope.Both),

        new(ReasonCodes.DatasetUnknown, 404, "No dataset with that code is in the catalog.", RefusalScope.Both),
        new(GatewayProblemCodes.DistrictUnknown, 404, "The dataset has no instance for the named district.", RefusalScope.Query),
        new(GatewayProblemCodes.UpstreamNotFound, 404, "The department's service answered 404 for the path (`upstreamStatus` says so).", RefusalScope.Query),
        new(GatewayProblemCodes.NotFound, 404, "The path is not the gateway's: data is under `/api/{dataset}`.", RefusalScope.None),
        new(GatewayProblemCodes.MethodNotAllowed, 405, "A method other than GET or HEAD on a dataset (verify calls are `POST /api/{dataset}/verify`).", RefusalScope.None),

        new(EdgeProblemCodes.RequestTimeout, 408, "The request body did not arrive in time.", RefusalScope.Verify),
        new(EdgeProblemCodes.RequestTooLarge, 413, "The request body is larger than accepted.", RefusalScope.Verify),
        new(EdgeProblemCodes.TargetTooLong, 414, "The path with its query is longer than accepted.", RefusalScope.Both),
        new(ReasonCodes.QuotaExceeded, 429, "The grant's daily quota (Asia/Shanghai) is used up; `Retry-After` says when it renews.", RefusalScope.Both),

        new(EdgeProblemCodes.HeadersTooLarge, 431, "Too many request headers, or too large together.", RefusalScope.Both),
        new(GatewayProblemCodes.InternalError, 500, "The gateway itself failed on this call; nothing was returned. Quote the request id.", RefusalScope.Both),
        new(GatewayProblemCodes.UpstreamUnreadable, 502, "The department's answer could not be taken through the filter (it failed on it).", RefusalScope.Both),
        new(GatewayProblemCodes.UpstreamError, 502, "The department's service answered with an error status (`upstreamStatus` says which).", RefusalScope.Both),
        new(GatewayProblemCodes.UpstreamNotJson, 502, "The department's service did not answer with JSON.", RefusalScope.Both),
        new(GatewayProblemCodes.UpstreamMalformed, 502, "The department's answer is not well-formed JSON.", RefusalScope.Both),
        new(GatewayProblemCodes.UpstreamTooDeep, 502, "The department's answer nests deeper than the filter follows.", RefusalScope.Query),
        new(GatewayProblemCodes.UpstreamRecordTooLarge, 502, "A record of the department's answer is larger than the filter holds.", RefusalScope.Query),
        new(GatewayProblemCodes.UpstreamEncodingUnsupported, 502, "The department's answer has a content encoding the gateway cannot decode.", RefusalScope.Both),
        new(GatewayProblemCodes.UpstreamShapeUnexpected, 502, "The department's answer does not have the shape the catalog describes (records where the record path says).", RefusalScope.Query),
        new(GatewayProblemCodes.UpstreamUnavailable, 502, "The department's service could not be reached.", RefusalScope.Both),

        new(GatewayProblemCodes.CatalogReloading, 503, "The catalog is being reloaded; ask again in a second (`Retry-After`).", RefusalScope.Query),
        new(ReasonCodes.ExternalPolicyTimeout, 503, "The external policy server (OPA) did not answer in time; the call is refused (fail closed). Ask again (`Retry-After`).", RefusalScope.Both),
        new(ReasonCodes.ExternalPolicyUnreachable, 503, "The external policy server (OPA) could not be reached; the call is refused (fail closed).", RefusalScope.Both),
        new(ReasonCodes.ExternalPolicyStatus, 503, "The external policy server (OPA) answered with an error status; the call is refused (fail closed).", RefusalScope.Both),
        new(ReasonCodes.ExternalPolicyMalformed, 503, "The external policy server (OPA) answered something unreadable; the call is refused (fail closed).", RefusalScope.Both),
        new(ReasonCodes.ExternalPolicyUndefined, 503, "The external policy server (OPA) has no decision at the configured path; the call is refused (fail closed).", RefusalScope.Both),
        new(GatewayProblemCodes.QuotaUnavailable, 503, "The quota could not be checked (the database is out of reach); ask again (`Retry-After`).", RefusalScope.Both),
        new(GatewayProblemCodes.UpstreamTimeout, 504, "The department's service did not answer in time.", RefusalScope.Both),
    ];

    /// <summary>The 503 codes of <c>/readyz</c>; literals in the health endpoint.</summary>
    public static readonly string[] NotReady = ["catalog_not_loaded", "ledger_unavailable"];

    /// <summary>The 401 codes: the token validator's, read from its constants.</summary>
    public static IReadOnlyList<string> TokenCodes => Common.ApiReference.ApiDocuments.TokenCodes;

    public static IEnumerable<Refusal> For(RefusalScope scope) => All.Where(r => (r.Scope & scope) != 0);
}
