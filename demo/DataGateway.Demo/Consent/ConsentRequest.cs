using System.Text.Json;
using System.Text.Json.Serialization;

namespace DataGateway.Demo.Consent;

/// <summary>
/// What a data subject consents to (<c>POST /consents</c>, or the page's form): who it is (<see cref="Subject"/>, the
/// value of the dataset's consent subject field), which operator may read which fields of which dataset for which
/// scenario, and for how many days.
/// </summary>
internal sealed record ConsentRequest(string? Subject, string? Operator, string? Dataset, string? Scenario, string[]? Fields, int? Days)
{
    /// <summary>Unknown members and repeated members are refused, not ignored: a consent says exactly what it says.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        NumberHandling = JsonNumberHandling.Strict,
    };

    /// <summary>The code of the first thing wrong with the request (a key of the issuer's messages), or null.</summary>
    public string? Problem(TimeSpan maxLifetime)
    {
        if (!Text(Subject, 128) || !Text(Operator, 64) || !Text(Dataset, 64) || !Text(Scenario, 200))
        {
            return "consent_request_incomplete";
        }

        if (Fields is not { Length: > 0 and <= 200 } || Fields.Any(f => !Text(f, 64)))
        {
            return "consent_fields_invalid";
        }

        if (Days is { } days && (days < 1 || TimeSpan.FromDays(days) > maxLifetime))
        {
            return "consent_lifetime_invalid";
        }

        return null;
    }

    private static bool Text(string? value, int max) =>
        value is { Length: > 0 } && value.Length <= max && !value.Any(char.IsControl) && value.Trim().Length == value.Length;
}
