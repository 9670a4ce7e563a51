namespace DataGateway.Catalog.Requests;

/// <summary>The first thing wrong with a JSON body.</summary>
/// <param name="Member">Where, as the validation errors name it: <c>kind</c>, <c>fields[2].title</c>; empty for the whole body.</param>
/// <param name="Expected">For <see cref="JsonBodyIssueKind.WrongType"/>: what the member takes (<c>string</c>, <c>number</c>, <c>array</c> …).</param>
/// <param name="Character">For <see cref="JsonBodyIssueKind.ForbiddenCharacter"/>: the character as U+XXXX; null for an escaped unpaired surrogate.</param>
public sealed record JsonBodyIssue(JsonBodyIssueKind Kind, string Member, string? Expected = null, string? Character = null);
