using System.Text;
using System.Text.Json;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>What a call adds to the reference: a consent's subject, a record key field and the keys' dispute marks.</summary>
internal sealed record RecordRules(string? SubjectField, string? Subject, string? RecordKeyField, Func<string, string?> Marks);

/// <summary>The consent subject rule and the record keys, as plainly as they can be said over a parsed document.</summary>
internal sealed partial class ReferenceProjection
{
    private readonly RecordRules? _rules;

    /// <summary>The keys of the records returned, in order.</summary>
    public List<string> Keys { get; } = [];

    /// <summary>Keys of returned records that cannot be recorded: too long, or holding U+0000.</summary>
    public int KeysTooLong { get; private set; }

    /// <summary>Under a consent: exactly one subject value, reached through objects that each occur once, a string equal to the subject.</summary>
    private bool IsSubjects(JsonElement record)
    {
        if (_rules?.Subject is not { } subject)
        {
            return true;
        }

        return _rules.SubjectField is not null
            && Single(record, _rules.SubjectField) is { ValueKind: JsonValueKind.String } value
            && value.GetString() == subject;
    }

    /// <summary>A returned record's key (a string's text, or an integer's digits) is recorded; its mark, if any, returned.</summary>
    private string? Returned(JsonElement record)
    {
        if (_rules?.RecordKeyField is null || Single(record, _rules.RecordKeyField) is not { } value)
        {
            return null;
        }

        var key = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number when !value.GetRawText().Any(c => c is '.' or 'e' or 'E') => value.GetRawText(),
            _ => null,
        };
        if (string.IsNullOrEmpty(key))
        {
            return null;
        }

        if (Encoding.UTF8.GetByteCount(key) > 256 || key.Contains('\0', StringComparison.Ordinal))
        {
            KeysTooLong++;
            return null;
        }

        Keys.Add(key);
        return _rules.Marks(key);
    }

    /// <summary>The value at a dotted path when every step is an object holding the key exactly once; null otherwise.</summary>
    private static JsonElement? Single(JsonElement record, string path)
    {
        var current = record;
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var matches = current.EnumerateObject().Where(p => p.Name == segment).ToList();
            if (matches.Count != 1)
            {
                return null;
            }

            current = matches[0].Value;
        }

        return current;
    }
}
