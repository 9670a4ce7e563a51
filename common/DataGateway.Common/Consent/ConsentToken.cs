namespace DataGateway.Common.Consent;

/// <summary>
/// A verified consent credential (持证主体授权): the data subject <see cref="Subject"/> lets the operator
/// <see cref="Operator"/> read its records of <see cref="Dataset"/> for <see cref="Scenario"/>, the fields
/// <see cref="Fields"/> only, until <see cref="ExpiresAt"/>.
/// </summary>
/// <param name="Id">The consent id (<c>jti</c>): up to 128 characters of <c>[A-Za-z0-9._-]</c>.</param>
/// <param name="Subject">The value of the dataset's consent subject field (an ID number, a credit code).</param>
public sealed record ConsentToken(
    string Id,
    string Subject,
    string Operator,
    string Dataset,
    string Scenario,
    IReadOnlySet<string> Fields,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt)
{
    /// <summary>The JOSE header <c>typ</c> of a consent: what tells it apart from a caller token (RFC 8725 §3.11).</summary>
    public const string Type = "dg-consent+jwt";

    /// <summary>The request header an operator's call carries its consent in; the gateway never forwards it.</summary>
    public const string Header = "X-Consent-Token";

    /// <summary>The longest consent id.</summary>
    public const int MaxIdLength = 128;

    /// <summary>Whether <paramref name="id"/> is a well-formed consent id: 1–128 of <c>[A-Za-z0-9._-]</c>.</summary>
    public static bool IsValidId(string? id) =>
        id is { Length: > 0 and <= MaxIdLength } && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-');
}
