namespace DataGateway.Catalog.Requests;

/// <summary>What is wrong with a JSON body, in the order the scanner looks.</summary>
public enum JsonBodyIssueKind
{
    /// <summary>Not well-formed JSON, or not UTF-8.</summary>
    Malformed,

    /// <summary>One object names the same member twice: exactly, escaped, or in another case.</summary>
    DuplicateMember,

    /// <summary>A member the endpoint's body does not have.</summary>
    UnknownMember,

    /// <summary>A value of the wrong JSON type, or a number or date that does not fit the member.</summary>
    WrongType,

    /// <summary>A text value (or member name) holds a character <see cref="TextRules"/> refuses.</summary>
    ForbiddenCharacter,
}
