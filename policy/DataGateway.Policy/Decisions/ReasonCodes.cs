namespace DataGateway.Policy.Decisions;

/// <summary>
/// Stable reason codes. Each is the <c>code</c> of a problem+json body and a metric tag value, so they are part of
/// the public contract: add new ones, never rename.
/// </summary>
public static class ReasonCodes
{
    /// <summary>The call is allowed on an active grant.</summary>
    public const string Granted = "granted";

    /// <summary>The call is allowed as 属地返还: a district reading its own rows of unconditional data.</summary>
    public const string DistrictReturn = "district_return";

    /// <summary>A return job's recipient is not a district, or the dataset is not unconditional data with a district field.</summary>
    public const string ReturnNotApplicable = "return_not_applicable";

    /// <summary>The call is allowed because the caller owns the dataset.</summary>
    public const string Owner = "owner";

    /// <summary>No dataset with that code is in the catalog.</summary>
    public const string DatasetUnknown = "dataset_unknown";

    /// <summary>The dataset is 不予共享.</summary>
    public const string DatasetNotShared = "dataset_not_shared";

    /// <summary>The token's organization is not in the catalog, or its kind or district disagrees with the catalog.</summary>
    public const string CallerUnknown = "caller_unknown";

    /// <summary>The grant's daily call quota (Asia/Shanghai) is used up; answered with 429 and Retry-After.</summary>
    public const string QuotaExceeded = "quota_exceeded";

    /// <summary>The caller holds no grant for the dataset.</summary>
    public const string GrantMissing = "grant_missing";

    /// <summary>The caller's grant is past its validity.</summary>
    public const string GrantExpired = "grant_expired";

    /// <summary>The caller's grant is suspended by an admin.</summary>
    public const string GrantSuspended = "grant_suspended";

    /// <summary>The caller's grant was revoked.</summary>
    public const string GrantRevoked = "grant_revoked";

    /// <summary>A requested field is not among the fields the caller may receive.</summary>
    public const string FieldNotGranted = "field_not_granted";

    /// <summary>
    /// A query parameter filters on a field the caller receives only masked: the filter would confirm a guessed value
    /// the caller never sees (<c>?owner_name=吴某某</c> returning the row). Verify calls are the way to test a value.
    /// </summary>
    public const string FilterOnMaskedField = "filter_on_masked_field";

    /// <summary>A verify call names a field that is not among the grant's verify fields.</summary>
    public const string VerifyFieldNotGranted = "verify_field_not_granted";

    /// <summary>The requested district's rows are not granted to the caller.</summary>
    public const string DistrictNotGranted = "district_not_granted";

    /// <summary>An operator calls a dataset outside its licensed domains, or one not open for authorized operation.</summary>
    public const string DomainNotLicensed = "domain_not_licensed";

    /// <summary>
    /// The external policy server (OPA) answered and denied the call, or narrowed it to nothing the caller asked for
    /// (a requested field or district it leaves out). Its failures have codes of their own, below.
    /// </summary>
    public const string ExternalPolicyDenied = "external_policy_denied";

    /// <summary>OPA did not answer within <c>DataGateway:Policy:Opa:Timeout</c>; the call is refused (fail closed).</summary>
    public const string ExternalPolicyTimeout = "external_policy_timeout";

    /// <summary>OPA could not be reached (connection refused, reset, name not resolved) after the bounded retries.</summary>
    public const string ExternalPolicyUnreachable = "external_policy_unreachable";

    /// <summary>OPA answered with a status other than 200 (a 500 from a failing policy, a 404 for a wrong path).</summary>
    public const string ExternalPolicyStatus = "external_policy_status";

    /// <summary>OPA's answer is not the expected JSON: unreadable, duplicate members, a wrong type, too large.</summary>
    public const string ExternalPolicyMalformed = "external_policy_malformed";

    /// <summary>
    /// An operator's call to a dataset that needs its data subject's consent (持证主体授权) carries no consent credential
    /// (header <c>X-Consent-Token</c>).
    /// </summary>
    public const string ConsentRequired = "consent_required";

    /// <summary>
    /// The consent credential is not one the configured consent issuer signed as a consent: a bad signature, an
    /// unknown key, another issuer, a <c>typ</c> other than <c>dg-consent+jwt</c> (a caller token), malformed claims,
    /// or a lifetime beyond <c>DataGateway:Consent:MaxLifetime</c>.
    /// </summary>
    public const string ConsentInvalid = "consent_invalid";

    /// <summary>The consent is past its <c>exp</c>.</summary>
    public const string ConsentExpired = "consent_expired";

    /// <summary>The data subject withdrew the consent (<c>POST /v1/consents/{id}/revoke</c>).</summary>
    public const string ConsentRevoked = "consent_revoked";

    /// <summary>The consent was given to another operator than the caller.</summary>
    public const string ConsentForeign = "consent_foreign";

    /// <summary>The consent is for another dataset or scenario, or does not cover a field the call asks for.</summary>
    public const string ConsentMismatch = "consent_mismatch";

    /// <summary>The dataset needs a consent and no consent issuer is configured (<c>DataGateway:Consent</c>): fail closed.</summary>
    public const string ConsentUnavailable = "consent_unavailable";

    /// <summary>OPA's answer has no <c>result</c>: the decision path is undefined (no bundle loaded, a wrong path).</summary>
    public const string ExternalPolicyUndefined = "external_policy_undefined";
}
