using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Problems;

/// <summary>
/// The catalog's error answers: RFC 7807 problem+json, each with a stable <c>code</c> a client can switch on, its
/// title from the message table (<see cref="CatalogMessages"/>) in the caller's language.
/// </summary>
public static class CatalogProblems
{
    public const string ValidationFailed = "validation_failed";
    public const string NotFound = "not_found";
    public const string AlreadyExists = "already_exists";
    public const string PreconditionFailed = "precondition_failed";
    public const string InUse = "in_use";
    public const string AdminRequired = "admin_required";
    public const string IllegalTransition = "illegal_transition";
    public const string ApplicationRefused = "application_refused";

    /// <summary>Only districts, operators and departments apply for data.</summary>
    public const string ApplicantNotAllowed = "applicant_not_allowed";

    /// <summary>Only the requester withdraws its application.</summary>
    public const string NotRequester = "not_requester";

    /// <summary>A dataset with live grants is deleted only with <c>?revokeGrants=true</c>.</summary>
    public const string DatasetHasGrants = "dataset_has_grants";

    /// <summary>A price change's <c>effectiveFrom</c> in the past, or closer than the minimum notice.</summary>
    public const string PriceEffectiveTooEarly = "price_effective_too_early";

    /// <summary>A CSV import with bad rows (every one listed by line); nothing was imported.</summary>
    public const string ImportInvalid = "import_invalid";

    /// <summary>A CSV import in an encoding other than UTF-8 or GB18030.</summary>
    public const string ImportEncodingUnsupported = "import_encoding_unsupported";

    /// <summary>A caller other than an admin asked for ledger records that are not its own.</summary>
    public const string LedgerNotOwn = "ledger_not_own";

    /// <summary>A caller other than an admin asked for a statement that is not its own.</summary>
    public const string BillNotOwn = "bill_not_own";

    /// <summary>A caller other than an admin asked for the usage of another organization.</summary>
    public const string UsageNotOwn = "usage_not_own";

    /// <summary>403: only the consent issuer's organization (<c>DataGateway:Consent:Organization</c>) or an admin acts for data subjects.</summary>
    public const string ConsentIssuerRequired = "consent_issuer_required";

    /// <summary>503: the read replica the ledger queries, bills and access report run on does not answer; writes go on.</summary>
    public const string ReadReplicaUnavailable = "read_replica_unavailable";

    /// <summary>410: the bill or report covers a month of the ledger archived and detached from the database.</summary>
    public const string LedgerMonthArchived = "ledger_month_archived";

    /// <summary>404 under /console/: this build of the catalog carries no console (built without npm).</summary>
    public const string ConsoleNotBuilt = "console_not_built";

    /// <summary>409: the dataset is not unconditional data with a district field, so it cannot be returned by district.</summary>
    public const string ReturnNotApplicable = "return_not_applicable";

    /// <summary>409: the dataset has a return job queued, running or paused already.</summary>
    public const string ReturnInProgress = "return_in_progress";

    /// <summary>403: operators see no return jobs.</summary>
    public const string ReturnsNotVisible = "returns_not_visible";
    /// <summary>A district organization asked for another organization's landing zone.</summary>
    public const string LandingZoneNotOwn = "landing_zone_not_own";

    /// <summary>Operators and departments have no landing zone and may read none.</summary>
    public const string LandingZoneNotAllowed = "landing_zone_not_allowed";

    /// <summary>Only organizations of kind district have a landing zone.</summary>
    public const string LandingZoneNotDistrict = "landing_zone_not_district";

    /// <summary>Another district organization of the same district code has a landing zone already.</summary>
    public const string LandingZoneDistrictTaken = "landing_zone_district_taken";

    /// <summary>An organization with a landing zone is neither deleted nor changed in kind or district until the zone is deleted.</summary>
    public const string OrganizationHasLandingZone = "organization_has_landing_zone";

    /// <summary>The landing URL is missing, not absolute, not http(s), or has no host.</summary>
    public const string LandingUrlInvalid = "landing_url_invalid";

    /// <summary>The landing URL is longer than 2,048 characters.</summary>
    public const string LandingUrlTooLong = "landing_url_too_long";

    /// <summary>The landing URL carries user info (<c>user:password@</c>): credentials go by reference only.</summary>
    public const string LandingUrlUserInfo = "landing_url_userinfo";

    /// <summary>The landing URL has a query: where receivers take keys, and credentials go by reference only.</summary>
    public const string LandingUrlQuery = "landing_url_query";

    /// <summary>The landing URL has a fragment, which no request sends.</summary>
    public const string LandingUrlFragment = "landing_url_fragment";

    /// <summary>A plain-http landing URL on a host other than loopback, while <c>LandingZones:AllowHttp</c> is off.</summary>
    public const string LandingUrlHttpsRequired = "landing_url_https_required";

    /// <summary><c>auth</c> is missing, or its <c>kind</c> is not <c>none</c>, <c>bearer</c> or <c>header</c>.</summary>
    public const string LandingAuthKindInvalid = "landing_auth_kind_invalid";

    /// <summary>Kind <c>header</c> without a header name, or one that is not an HTTP token.</summary>
    public const string LandingHeaderInvalid = "landing_header_invalid";

    /// <summary>A header the returns worker sets itself, or a hop-by-hop or framing header.</summary>
    public const string LandingHeaderReserved = "landing_header_reserved";

    /// <summary>A header name for kind <c>none</c> or <c>bearer</c>, which send none.</summary>
    public const string LandingHeaderUnexpected = "landing_header_unexpected";

    /// <summary>Kind <c>bearer</c> or <c>header</c> without a <c>secretRef</c>.</summary>
    public const string LandingSecretRefRequired = "landing_secret_ref_required";

    /// <summary>A <c>secretRef</c> that is not a secret's name (<c>^[a-z0-9][a-z0-9._-]{0,62}$</c>).</summary>
    public const string LandingSecretRefInvalid = "landing_secret_ref_invalid";

    /// <summary>A <c>secretRef</c> for kind <c>none</c>, which sends no secret.</summary>
    public const string LandingSecretRefUnexpected = "landing_secret_ref_unexpected";

    /// <summary><c>batchSize</c> outside 1 to 10,000.</summary>
    public const string LandingBatchSizeOutOfRange = "landing_batch_size_out_of_range";

    /// <summary>The policy bundle is read with a bundle reader's token (or an admin's) only.</summary>
    public const string BundleReaderRequired = "bundle_reader_required";

    /// <summary>
    /// 422: the ledger does not prove the caller received the record it disputes. One code for every reason (no such
    /// call, another caller's call, a key the call did not return, a field it did not disclose): no oracle.
    /// </summary>
    public const string DisputeNotReceived = "dispute_not_received";

    /// <summary>409: the dataset has no record key field, so its records cannot be disputed.</summary>
    public const string DisputeNotDisputable = "dispute_not_disputable";

    /// <summary>409: the caller has a dispute open on the same field of the same record; the answer names it (<c>disputeId</c>).</summary>
    public const string DisputeAlreadyOpen = "dispute_already_open";

    /// <summary>403: only the department that owns the dataset (or an admin) answers a dispute; its raiser reads it.</summary>
    public const string DisputeAnswerNotAllowed = "dispute_answer_not_allowed";

    /// <summary>403: an organization's webhook is set and read by admins and by the organization itself only.</summary>
    public const string WebhookNotOwn = "webhook_not_own";

    /// <summary>The body is not well-formed JSON in UTF-8, or is missing where one is needed.</summary>
    public const string JsonMalformed = "json_malformed";

    /// <summary>An object names a member twice (also escaped, or in another case); the answer names it.</summary>
    public const string JsonDuplicateMember = "json_duplicate_member";

    /// <summary>A member the request does not have; the answer names it.</summary>
    public const string JsonUnknownMember = "json_unknown_member";

    /// <summary>A member's value has the wrong JSON type, or a number or date that does not fit; the answer names it.</summary>
    public const string JsonWrongType = "json_wrong_type";

    /// <summary>A text (a member, a query parameter, the path) holds a control character, a bidi control or an unpaired surrogate.</summary>
    public const string TextForbiddenCharacter = "text_forbidden_character";

    /// <summary>400 listing every bad field by name; the messages are already in the caller's language.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            title: CatalogMessages.Get(ValidationFailed),
            extensions: new Dictionary<string, object?> { ["code"] = ValidationFailed });

    /// <summary>404 for the <paramref name="entity"/> (a key of the table's <c>entity.*</c> names) with this id.</summary>
    public static ProblemHttpResult Missing(string entity, object? id) =>
        Problem(StatusCodes.Status404NotFound, NotFound, CatalogMessages.Get("not_found.detail", CatalogMessages.Get("entity." + entity), id));

    /// <summary>412: someone changed the entry since the caller read it.</summary>
    public static ProblemHttpResult Stale(string entity, object? id) =>
        Problem(StatusCodes.Status412PreconditionFailed, PreconditionFailed, CatalogMessages.Get("precondition_failed.detail", CatalogMessages.Get("entity." + entity), id));

    /// <summary>409: an entry with this id exists already.</summary>
    public static ProblemHttpResult Duplicate(string entity, object? id) =>
        Conflict(AlreadyExists, CatalogMessages.Get("already_exists.detail", CatalogMessages.Get("entity." + entity), id));

    public static ProblemHttpResult Conflict(string code, string detail) => Problem(StatusCodes.Status409Conflict, code, detail);

    public static ProblemHttpResult Forbidden(string code, string detail) => Problem(StatusCodes.Status403Forbidden, code, detail);

    /// <summary>Any problem; the title is the table's entry for <paramref name="code"/>.</summary>
    public static ProblemHttpResult Problem(int status, string code, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: CatalogMessages.Get(code), extensions: new Dictionary<string, object?> { ["code"] = code });
}
