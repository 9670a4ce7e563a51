using System.Text;

namespace DataGateway.Common.Metrics;

/// <summary>
/// The tags one series was first recorded with, and its label text rendered once for every scrape after.
/// </summary>
/// <remarks>
/// A measurement's tags arrive as a span in whatever order the caller wrote them. Matching them against a stored
/// set pair by pair, and hashing them order-independently, finds the series without copying or sorting the span,
/// so a measurement on a known series allocates nothing.
/// </remarks>
internal sealed class TagSet
{
    private readonly KeyValuePair<string, object?>[] _tags;

    private TagSet(KeyValuePair<string, object?>[] tags, int hash, string labels)
    {
        _tags = tags;
        Hash = hash;
        Labels = labels;
    }

    public int Hash { get; }

    /// <summary>Label pairs sorted by name, comma-separated, without braces: <c>a="1",b="x"</c>; empty without tags.</summary>
    public string Labels { get; }

    public static TagSet Create(ReadOnlySpan<KeyValuePair<string, object?>> tags, int hash, Func<string, string> labelName)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in tags)
        {
            // Two keys can meet on one label name ("a.b" and "a_b"); Prometheus refuses a repeated label, so the first stays.
            labels.TryAdd(labelName(key), ExpositionText.LabelValue(value));
        }

        var text = new StringBuilder();
        foreach (var (name, value) in labels)
        {
            text.Append(text.Length == 0 ? "" : ",").Append(name).Append("=\"");
            ExpositionText.AppendLabelValue(text, value);
            text.Append('"');
        }

        return new TagSet(tags.ToArray(), hash, text.ToString());
    }

    public static int HashOf(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var hash = tags.Length;
        foreach (var (key, value) in tags)
        {
            // Addition commutes, so the order the caller wrote the tags in does not change the hash.
            hash = unchecked(hash + HashCode.Combine(key, value));
        }

        return hash;
    }

    public bool Matches(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length != _tags.Length)
        {
            return false;
        }

        for (var i = 0; i < tags.Length; i++)
        {
            // Callers usually write tags in the same order every time: try the same position first.
            if (!SamePair(_tags[i], tags[i]) && !Contains(tags[i]))
            {
                return false;
            }
        }

        return true;
    }

    private bool Contains(KeyValuePair<string, object?> tag)
    {
        foreach (var stored in _tags)
        {
            if (SamePair(stored, tag))
            {
                return true;
            }
        }

        return false;
    }

    private static bool SamePair(KeyValuePair<string, object?> a, KeyValuePair<string, object?> b) =>
        string.Equals(a.Key, b.Key, StringComparison.Ordinal) && Equals(a.Value, b.Value);
}
