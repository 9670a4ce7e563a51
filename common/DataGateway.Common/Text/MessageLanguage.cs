using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace DataGateway.Common.Text;

/// <summary>
/// The two languages the services answer in: Chinese by default (our users are Chinese government staff and
/// companies), English when the caller prefers it.
/// </summary>
/// <remarks>
/// The choice is held in an <see cref="AsyncLocal{T}"/> rather than the UI culture: the services run with invariant
/// globalization (no ICU), where named cultures do not exist, and CultureInfo would also change how numbers and
/// dates are formatted. Only the texts may change with the caller's language.
/// </remarks>
public static class MessageLanguage
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    private static readonly AsyncLocal<bool> EnglishChosen = new();

    /// <summary>Whether this request's messages are in English.</summary>
    public static bool IsEnglish => EnglishChosen.Value;

    /// <summary>Sets the language for the rest of this request (the current async flow).</summary>
    public static void Use(string language) => EnglishChosen.Value = language == English;

    /// <summary>
    /// English only when the caller's <c>Accept-Language</c> ranks some English above every Chinese (RFC 9110
    /// §12.5.4 quality values; <c>en</c>, <c>en-US</c>, …). Anything else — no header, a malformed one, languages we do
    /// not speak, a tie — gets Chinese.
    /// </summary>
    public static string Choose(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(HeaderNames.AcceptLanguage, out var values)
            || !StringWithQualityHeaderValue.TryParseList(values, out var ranges))
        {
            return Chinese;
        }

        double english = 0, chinese = 0;
        foreach (var range in ranges)
        {
            var tag = range.Value.Value ?? "";
            var quality = range.Quality ?? 1;
            if (IsLanguage(tag, "en"))
            {
                english = Math.Max(english, quality);
            }
            else if (IsLanguage(tag, "zh") || tag == "*")
            {
                chinese = Math.Max(chinese, quality);
            }
        }

        return english > chinese ? English : Chinese;
    }

    /// <summary>
    /// Marks a localized answer: which language it is in, and that it varies with <c>Accept-Language</c> (so a cache
    /// never hands a Chinese answer to an English caller).
    /// </summary>
    public static void MarkLocalized(HttpResponse response)
    {
        response.Headers[HeaderNames.ContentLanguage] = IsEnglish ? "en" : "zh-CN";
        response.Headers.Append(HeaderNames.Vary, HeaderNames.AcceptLanguage);
    }

    private static bool IsLanguage(string tag, string language) =>
        tag.StartsWith(language, StringComparison.OrdinalIgnoreCase) && (tag.Length == language.Length || tag[language.Length] == '-');
}
