using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace DataGateway.Common.Text;

/// <summary>
/// A service's messages in Chinese and English: every problem title and detail a caller reads comes from one table,
/// an embedded JSON resource of <c>{"key": {"zh": "…", "en": "…"}}</c>, so a translator works in one file and a
/// test can check that every entry has both languages with the same placeholders.
/// </summary>
/// <remarks>
/// The language is the request's, which <see cref="MessageLanguageMiddleware"/> chooses from
/// <c>Accept-Language</c>: code anywhere below it (the policy engine's callers, validators, static helpers) writes
/// in the caller's language without an HttpContext being passed down. Placeholders are composite-format positions
/// (<c>{0}</c>), formatted with the invariant culture so numbers read the same in both languages.
/// </remarks>
public sealed class MessageTable
{
    private readonly IReadOnlyDictionary<string, LocalizedText> _entries;

    private MessageTable(IReadOnlyDictionary<string, LocalizedText> entries) => _entries = entries;

    /// <summary>Every key, with its two texts; for tests and documentation.</summary>
    public IReadOnlyDictionary<string, LocalizedText> Entries => _entries;

    /// <summary>
    /// Reads the named JSON resources of an assembly, later tables adding to earlier ones. A key given twice, in one
    /// file or across files, is an error: two texts for one message would make the answer depend on load order.
    /// </summary>
    public static MessageTable Load(params (Assembly Assembly, string Resource)[] sources)
    {
        var entries = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
        var json = new JsonSerializerOptions { AllowDuplicateProperties = false, UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow };
        foreach (var (assembly, resource) in sources)
        {
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The message table {resource} is not embedded in {assembly.GetName().Name}.");
            var table = JsonSerializer.Deserialize<Dictionary<string, LocalizedText>>(stream, json)
                ?? throw new InvalidOperationException($"The message table {resource} is empty.");
            foreach (var (key, text) in table)
            {
                if (!entries.TryAdd(key, text))
                {
                    throw new InvalidOperationException($"The message '{key}' is defined twice ({resource}).");
                }
            }
        }

        return new MessageTable(entries);
    }

    /// <summary>The text for <paramref name="key"/> in the request's language, its placeholders filled.</summary>
    public string Get(string key, params object?[] args)
    {
        if (!_entries.TryGetValue(key, out var text))
        {
            // A missing entry is a defect the table test catches; answering with the key beats failing the request.
            return key;
        }

        var template = MessageLanguage.IsEnglish ? text.En : text.Zh;
        try
        {
            // Always formatted, with or without arguments, so that "{{" reads as "{" in every message.
            return string.Format(CultureInfo.InvariantCulture, template, args.Select(Render).ToArray());
        }
        catch (FormatException)
        {
            // Fewer arguments than placeholders: a defect the table test catches; the text beats a failed answer.
            return template;
        }
    }

    /// <summary>Whether the table has an entry for <paramref name="key"/>.</summary>
    public bool Contains(string key) => _entries.ContainsKey(key);

    /// <summary>Lists read as "a, b, c" in English and "a、b、c" in Chinese.</summary>
    private static object? Render(object? arg) => arg is not string and IEnumerable<string> list
        ? string.Join(MessageLanguage.IsEnglish ? ", " : "、", list)
        : arg;
}

/// <summary>One message in both languages.</summary>
/// <param name="Zh">简体中文, the default.</param>
/// <param name="En">English, for <c>Accept-Language: en</c>.</param>
public sealed record LocalizedText(
    [property: System.Text.Json.Serialization.JsonPropertyName("zh")] string Zh,
    [property: System.Text.Json.Serialization.JsonPropertyName("en")] string En);
