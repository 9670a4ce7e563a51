using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Problems;

/// <summary>
/// The catalog's error answers: RFC 7807 problem+json, each with a stable <c>code</c> a client can switch on.
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

    /// <summary>400 listing every bad field by name.</summary>
    public static ValidationProblem Validation(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(
            errors,
            title: "The request is not valid.",
            extensions: new Dictionary<string, object?> { ["code"] = ValidationFailed });

    public static ProblemHttpResult Missing(string what) =>
        Problem(StatusCodes.Status404NotFound, NotFound, "Not found.", $"{what} does not exist.");

    public static ProblemHttpResult Conflict(string code, string detail) =>
        Problem(StatusCodes.Status409Conflict, code, "The request conflicts with the catalog's state.", detail);

    public static ProblemHttpResult Stale(string what) =>
        Problem(StatusCodes.Status412PreconditionFailed, PreconditionFailed, "The resource has changed.",
            $"{what} was changed by someone else since you read it (If-Match does not match its ETag); read it again.");

    public static ProblemHttpResult Forbidden(string code, string detail) =>
        Problem(StatusCodes.Status403Forbidden, code, "Not allowed.", detail);

    public static ProblemHttpResult Problem(int status, string code, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });
}
