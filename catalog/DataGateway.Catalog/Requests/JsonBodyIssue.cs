namespace DataGateway.Catalog.Requests;

/// <summary>The first thing wrong with a JSON body.</summary>
/// <param name="Member">Where, as the validation errors name it: <c>kind</c>, <c>fields[2].title</c>; empty for the whole body.</param>
/// <param name="Expected">For <see cref="JsonBodyIssueKind.WrongType"/>: what the member takes (a string, a number …).</param>
/// <param name="Character">For <see cref="JsonBodyIssueKind.ForbiddenCharacter"/>: the character as U+XXXX.</param>
public sealed record JsonBodyIssue(JsonBodyIssueKind Kind, string Member, string? Expected = null, string? Character = null);
