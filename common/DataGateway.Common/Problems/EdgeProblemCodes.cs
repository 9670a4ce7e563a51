namespace DataGateway.Common.Problems;

/// <summary>
/// The stable <c>code</c>s of the answers both services give before any endpoint runs: a request refused at the edge,
/// a token refused, or an answer the framework wrote without a code. Part of the public contract (clients switch on
/// them, the message tables key their text by them); each service's own class of codes refers to these.
/// </summary>
public static class EdgeProblemCodes
{
    /// <summary>400: the request's framing or body could not be read (a malformed chunk, a truncated body).</summary>
    public const string RequestMalformed = "request_malformed";

    /// <summary>408: the request body did not arrive in time.</summary>
    public const string RequestTimeout = "request_timeout";

    /// <summary>413: the request body is larger than the service takes.</summary>
    public const string RequestTooLarge = "request_too_large";

    /// <summary>414: the request target (path and query) is longer than the service takes.</summary>
    public const string TargetTooLong = "request_target_too_long";

    /// <summary>431: too many request headers, or too many bytes of them.</summary>
    public const string HeadersTooLarge = "request_headers_too_large";

    /// <summary>401: no <c>Authorization: Bearer …</c> header.</summary>
    public const string TokenMissing = "token_missing";

    /// <summary>401: not a compact JWS: wrong number of parts, bad base64url, bad JSON.</summary>
    public const string TokenMalformed = "token_malformed";

    /// <summary>401: the header's <c>alg</c> is not RS256 or ES256 (including <c>none</c> and every HMAC algorithm).</summary>
    public const string TokenAlgorithmNotAllowed = "token_algorithm_not_allowed";

    /// <summary>401: past <c>exp</c> (beyond the allowed clock skew), or no <c>exp</c> at all.</summary>
    public const string TokenExpired = "token_expired";

    /// <summary>401: before <c>nbf</c> (beyond the allowed clock skew).</summary>
    public const string TokenNotYetValid = "token_not_yet_valid";

    /// <summary>401: the <c>iss</c> is not the configured issuer.</summary>
    public const string TokenIssuerInvalid = "token_issuer_invalid";

    /// <summary>401: the <c>aud</c> does not name the configured audience.</summary>
    public const string TokenAudienceInvalid = "token_audience_invalid";

    /// <summary>401: no trusted key has the token's <c>kid</c>.</summary>
    public const string TokenKeyUnknown = "token_key_unknown";

    /// <summary>401: the signature does not verify with the key the <c>kid</c> names.</summary>
    public const string TokenSignatureInvalid = "token_signature_invalid";

    /// <summary>
    /// 401: the header has a <c>crit</c> member (RFC 7515 §4.1.11): it names extensions the recipient must understand,
    /// and this platform understands none, so any <c>crit</c> at all (unknown names, an empty array, not an array) is
    /// refused.
    /// </summary>
    public const string TokenCriticalHeaderUnsupported = "token_crit_unsupported";

    /// <summary>
    /// 401: the platform's claims are missing or wrong (<c>org</c>, <c>org_kind</c>, and <c>district</c> for districts),
    /// a registered claim has the wrong JSON type (<c>exp</c> as a string), or a claim name appears twice.
    /// </summary>
    public const string TokenClaimsInvalid = "token_claims_invalid";

    /// <summary>
    /// 401: the header's <c>typ</c> says the token is another kind of credential than a caller's (a data subject's
    /// consent, <c>dg-consent+jwt</c>): a consent never passes as a caller token, whoever signed it.
    /// </summary>
    public const string TokenTypeInvalid = "token_type_invalid";

    /// <summary>400: a query parameter is given more than once (also percent-encoded or in another case); the answer names it.</summary>
    public const string QueryParameterRepeated = "query_parameter_repeated";

    /// <summary>400 written by the framework (model binding, a validation problem) without a code of its own.</summary>
    public const string RequestInvalid = "request_invalid";

    /// <summary>401 written by the framework without a code of its own.</summary>
    public const string NotSignedIn = "not_signed_in";

    /// <summary>403 written by the framework without a code of its own.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>404: no endpoint, or no such resource.</summary>
    public const string NotFound = "not_found";

    /// <summary>405: the path exists, the method does not.</summary>
    public const string MethodNotAllowed = "method_not_allowed";

    /// <summary>409 written by the framework without a code of its own.</summary>
    public const string Conflict = "conflict";

    /// <summary>415: a body of a media type the endpoint does not take.</summary>
    public const string UnsupportedMediaType = "unsupported_media_type";

    /// <summary>503 written by the framework without a code of its own.</summary>
    public const string Unavailable = "unavailable";

    /// <summary>500: an unexpected failure inside the service; the answer carries the request id, nothing of the failure.</summary>
    public const string InternalError = "internal_error";

    /// <summary>The token refusals (every 401 a bearer token can get), in declaration order.</summary>
    public static IReadOnlyList<string> TokenCodes { get; } =
    [
        TokenMissing, TokenMalformed, TokenAlgorithmNotAllowed, TokenExpired, TokenNotYetValid, TokenIssuerInvalid,
        TokenAudienceInvalid, TokenKeyUnknown, TokenSignatureInvalid, TokenCriticalHeaderUnsupported, TokenClaimsInvalid,
        TokenTypeInvalid,
    ];
}
