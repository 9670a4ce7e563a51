using DataGateway.Filtering;
using DataGateway.Common.Problems;

namespace DataGateway.Gateway.Problems;

/// <summary>
/// Every stable <c>code</c> the gateway answers with of its own: the <c>code</c> of a problem+json body, the
/// refusal a ledger record carries, a metric tag. Part of the public contract (the README and the OpenAPI document
/// list them; the message table keys its text by them), so a value never changes.
/// </summary>
/// <remarks>
/// Two families live elsewhere and are only referred to here: the edge's and the token's codes, which both services
/// share (<see cref="EdgeProblemCodes"/>), and the policy's deny reasons (<see cref="Policy.Decisions.ReasonCodes"/>),
/// which the policy library decides and the gateway answers with as they are.
/// </remarks>
internal static class GatewayProblemCodes
{
    /// <summary>400: a gateway parameter (<c>fields</c>, <c>district</c>) is empty, repeated or malformed.</summary>
    public const string ParameterInvalid = "parameter_invalid";

    /// <summary>400: <c>page</c> or <c>size</c> is not a whole number in range.</summary>
    public const string PagingInvalid = "paging_invalid";

    /// <summary>400: a query parameter the call does not take.</summary>
    public const string ParameterNotAllowed = "parameter_not_allowed";

    /// <summary>400: <c>size</c> is larger than the dataset's page cap.</summary>
    public const string PageSizeTooLarge = "page_size_too_large";

    /// <summary>400: a dataset served per district, and neither <c>district</c> nor the caller's token names one.</summary>
    public const string DistrictRequired = "district_required";

    /// <summary>404: the dataset's service has no instance for the district asked for.</summary>
    public const string DistrictUnknown = "district_unknown";

    /// <summary>503: the catalog changed a moment ago and the proxy's routes do not have it yet; retry.</summary>
    public const string CatalogReloading = "catalog_reloading";

    /// <summary>503: the grant's quota could not be checked (PostgreSQL did not answer); the call is refused.</summary>
    public const string QuotaUnavailable = "quota_unavailable";

    /// <summary>400: a request body on a path that takes none (everything but verify).</summary>
    public const string RequestBodyNotAllowed = "request_body_not_allowed";

    /// <summary>400: a protocol upgrade (WebSocket, h2c) asked for; the gateway forwards none.</summary>
    public const string RequestUpgradeNotAllowed = "request_upgrade_not_allowed";

    /// <summary>400: a path with escapes or compatibility forms that parsers could read as different paths.</summary>
    public const string PathAmbiguous = "path_ambiguous";

    /// <summary>400: a verify body that is not <c>{"match": {field: value, …}}</c> within its limits.</summary>
    public const string VerifyBodyInvalid = "verify_body_invalid";

    /// <summary>400: a verify body naming one field twice (under any spelling of its name).</summary>
    public const string VerifyMemberDuplicate = "verify_member_duplicate";

    /// <summary>400: a verify body naming a field the dataset does not have.</summary>
    public const string VerifyMemberUnknown = "verify_member_unknown";

    /// <summary>502: the data service answered with an error status.</summary>
    public const string UpstreamError = "upstream_error";

    /// <summary>404: the data service answered 404 for the path asked for.</summary>
    public const string UpstreamNotFound = "upstream_not_found";

    /// <summary>502: the data service answered with a body that is not JSON.</summary>
    public const string UpstreamNotJson = "upstream_not_json";

    /// <summary>
    /// 502: filtering the upstream's answer failed in a way the filter does not name (an exception in it or the
    /// masker).
    /// </summary>
    public const string UpstreamUnreadable = "upstream_unreadable";

    /// <summary>504: the data service did not answer within its timeout.</summary>
    public const string UpstreamTimeout = "upstream_timeout";

    /// <summary>502: the data service could not be reached (refused, reset, unresolvable).</summary>
    public const string UpstreamUnavailable = "upstream_unavailable";

    /// <summary>
    /// 502: the upstream body is not valid JSON (syntax, invalid UTF-8, truncated, or a corrupt compressed stream).
    /// Like every filter code: when it is reported after bytes were sent, the connection is aborted.
    /// </summary>
    public const string UpstreamMalformed = FilterErrorCodes.UpstreamMalformed;

    /// <summary>502: the upstream body nests deeper than <see cref="FilterOptions.MaxDepth"/>.</summary>
    public const string UpstreamTooDeep = FilterErrorCodes.UpstreamTooDeep;

    /// <summary>502: a record (or a single token) is larger than <see cref="FilterOptions.MaxRecordBytes"/>.</summary>
    public const string UpstreamRecordTooLarge = FilterErrorCodes.UpstreamRecordTooLarge;

    /// <summary>502: the upstream <c>Content-Encoding</c> is not one the gateway can decode.</summary>
    public const string UpstreamEncodingUnsupported = FilterErrorCodes.UpstreamEncodingUnsupported;

    /// <summary>502: the body of an envelope dataset never reached the dataset's record path: nothing of it is passed on.</summary>
    public const string UpstreamShapeUnexpected = FilterErrorCodes.UpstreamShapeUnexpected;

    /// <summary>404: no route (the shared code).</summary>
    public const string NotFound = EdgeProblemCodes.NotFound;

    /// <summary>405: the data API takes GET and HEAD, verify POST (the shared code).</summary>
    public const string MethodNotAllowed = EdgeProblemCodes.MethodNotAllowed;

    /// <summary>500: the gateway itself failed on the call (the shared code).</summary>
    public const string InternalError = EdgeProblemCodes.InternalError;
}
