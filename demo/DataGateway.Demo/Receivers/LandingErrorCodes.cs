namespace DataGateway.Demo.Receivers;

/// <summary>
/// The stable codes of the receivers' refusals (<c>{"code","message","requestId"}</c>); each has its texts in
/// <c>Receivers/messages.json</c> under the same key.
/// </summary>
internal static class LandingErrorCodes
{
    /// <summary>The path names no district of the 16, or nothing at all.</summary>
    public const string DistrictUnknown = "district_unknown";

    /// <summary>No <c>Authorization: Bearer</c>, or not the district's token.</summary>
    public const string TokenInvalid = "token_invalid";

    /// <summary>The body is not <c>application/json</c>.</summary>
    public const string ContentTypeUnsupported = "content_type_unsupported";

    /// <summary>The body is over 64 MiB.</summary>
    public const string BodyTooLarge = "body_too_large";

    /// <summary>The body is not one well-formed JSON value.</summary>
    public const string BodyNotJson = "body_not_json";

    /// <summary>The body is JSON but not a batch object.</summary>
    public const string BodyNotObject = "body_not_object";

    /// <summary>A member of the batch (or of a record) is given twice, also when one of them is escaped.</summary>
    public const string MemberDuplicate = "member_duplicate";

    /// <summary>A member the batch does not have.</summary>
    public const string MemberUnknown = "member_unknown";

    /// <summary>A member the batch must have is not there.</summary>
    public const string MemberMissing = "member_missing";

    /// <summary>A member's value has the wrong type or is out of range (an empty id, a negative sequence, a jobId that is no UUID).</summary>
    public const string MemberInvalid = "member_invalid";

    /// <summary>A record is not a JSON object.</summary>
    public const string RecordNotObject = "record_not_object";

    /// <summary>The body's <c>district</c> is not the path's.</summary>
    public const string DistrictMismatch = "district_mismatch";

    /// <summary>No <c>Idempotency-Key</c> header (or more than one).</summary>
    public const string IdempotencyKeyMissing = "idempotency_key_missing";

    /// <summary>The <c>Idempotency-Key</c> is not the body's <c>batchId</c>.</summary>
    public const string IdempotencyKeyMismatch = "idempotency_key_mismatch";

    /// <summary><c>GET …/records</c> on a receiver started with <c>--keep counts</c>.</summary>
    public const string RecordsNotKept = "records_not_kept";

    /// <summary>A paging parameter that is not a whole number in range, or given twice.</summary>
    public const string PageInvalid = "page_invalid";

    /// <summary>A control request that is not one of the modes with its members.</summary>
    public const string ControlInvalid = "control_invalid";

    /// <summary>The answer a <c>status</c> control told the receiver to give.</summary>
    public const string Simulated = "simulated_failure";

    /// <summary>Any other path.</summary>
    public const string NotFound = "not_found";

    /// <summary>A path the receivers have, with a method they do not answer there.</summary>
    public const string MethodNotAllowed = "method_not_allowed";
}
