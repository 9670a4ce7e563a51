namespace DataGateway.Common.Identity;

/// <summary>Why a token was refused; each is the <c>code</c> of the 401 problem+json. Part of the public contract.</summary>
public static class IdentityErrorCodes
{
    /// <summary>No <c>Authorization: Bearer …</c> header.</summary>
    public const string Missing = "token_missing";

    /// <summary>Not a compact JWS: wrong number of parts, bad base64url, bad JSON.</summary>
    public const string Malformed = "token_malformed";

    /// <summary>The header's <c>alg</c> is not RS256 or ES256 (including <c>none</c> and every HMAC algorithm).</summary>
    public const string AlgorithmNotAllowed = "token_algorithm_not_allowed";

    /// <summary>Past <c>exp</c> (beyond the allowed clock skew), or no <c>exp</c> at all.</summary>
    public const string Expired = "token_expired";

    /// <summary>Before <c>nbf</c> (beyond the allowed clock skew).</summary>
    public const string NotYetValid = "token_not_yet_valid";

    /// <summary>The <c>iss</c> is not the configured issuer.</summary>
    public const string IssuerInvalid = "token_issuer_invalid";

    /// <summary>The <c>aud</c> does not name the configured audience.</summary>
    public const string AudienceInvalid = "token_audience_invalid";

    /// <summary>No trusted key has the token's <c>kid</c>.</summary>
    public const string KeyUnknown = "token_key_unknown";

    /// <summary>The signature does not verify with the key the <c>kid</c> names.</summary>
    public const string SignatureInvalid = "token_signature_invalid";

    /// <summary>
    /// The header has a <c>crit</c> member (RFC 7515 §4.1.11): it names extensions the recipient must understand, and
    /// this platform understands none, so any <c>crit</c> at all (unknown names, an empty array, not an array) is refused.
    /// </summary>
    public const string CriticalHeaderUnsupported = "token_crit_unsupported";

    /// <summary>The platform's claims are missing or wrong: <c>org</c>, <c>org_kind</c>, and <c>district</c> for districts.</summary>
    public const string ClaimsInvalid = "token_claims_invalid";
}
