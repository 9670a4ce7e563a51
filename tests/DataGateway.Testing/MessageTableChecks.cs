using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit;

namespace DataGateway.Testing;

/// <summary>
/// What every service's message table must satisfy: both languages in every entry, Chinese that is Chinese, the
/// same placeholders in both, and an entry for every key the service's source names.
/// </summary>
public static partial class MessageTableChecks
{
    [GeneratedRegex(@"\{(\d+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Chinese();

    /// <summary>Every entry's problems, one line each; empty when the table is sound.</summary>
    public static IReadOnlyList<string> EntryProblems(IEnumerable<(string Key, string Zh, string En)> entries)
    {
        var problems = new List<string>();
        foreach (var (key, zh, en) in entries)
        {
            if (string.IsNullOrWhiteSpace(zh) || string.IsNullOrWhiteSpace(en))
            {
                problems.Add($"{key}: a language is missing");
            }
            else if (!Chinese().IsMatch(zh))
            {
                problems.Add($"{key}: the Chinese text has no Chinese in it: {zh}");
            }
            else if (!Placeholders(zh).SetEquals(Placeholders(en)))
            {
                problems.Add($"{key}: the placeholders differ: {zh} / {en}");
            }
            else if (!Formats(zh) || !Formats(en))
            {
                problems.Add($"{key}: not a composite format (a literal brace must be doubled): {zh} / {en}");
            }
        }

        return problems;
    }

    /// <summary>The literal keys passed to <paramref name="accessor"/><c>.Get("…")</c> in the C# files under <paramref name="folders"/>.</summary>
    /// <remarks>A literal ending in '.' is the prefix of a key made at run time; callers check those with <see cref="Captures"/>.</remarks>
    public static IReadOnlySet<string> KeysUsed(string accessor, params string[] folders) =>
        Captures(new Regex(Regex.Escape(accessor) + @"\.Get\(\s*""([^""]*[^"".])"""), folders);

    /// <summary>The first group of every match of <paramref name="pattern"/> in the C# files under <paramref name="folders"/>.</summary>
    public static IReadOnlySet<string> Captures(Regex pattern, params string[] folders)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var folder in folders)
        {
            foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), "*.cs", SearchOption.AllDirectories))
            {
                if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                {
                    continue;
                }

                foreach (Match match in pattern.Matches(File.ReadAllText(file)))
                {
                    keys.Add(match.Groups[1].Value);
                }
            }
        }

        return keys;
    }

    /// <summary>
    /// The entries of message-table files (paths from the repository's root), read as the services read them: a key
    /// given twice, in one file or across them, fails.
    /// </summary>
    public static IReadOnlyDictionary<string, (string Zh, string En)> Load(params string[] files)
    {
        var json = new JsonSerializerOptions { AllowDuplicateProperties = false, PropertyNameCaseInsensitive = true };
        var entries = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var table = JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllText(Path.Combine(RepositoryPaths.Root, file)), json)!;
            foreach (var (key, entry) in table)
            {
                Assert.True(entries.TryAdd(key, (entry.Zh, entry.En)), $"'{key}' is defined twice ({file})");
            }
        }

        return entries;
    }

    private sealed record Entry(string Zh, string En);

    private static bool Formats(string text)
    {
        try
        {
            _ = string.Format(System.Globalization.CultureInfo.InvariantCulture, text, Enumerable.Repeat<object?>("x", 10).ToArray());
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(m => m.Value).ToHashSet();
}
