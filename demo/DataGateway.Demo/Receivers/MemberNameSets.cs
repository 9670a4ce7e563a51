using System.Text.Json;

namespace DataGateway.Demo.Receivers;

/// <summary>
/// Finds a member name given twice in one JSON object, at any depth of a record: one set of names per open object,
/// kept from record to record so a batch of a thousand records does not make a thousand sets.
/// </summary>
internal sealed class MemberNameSets
{
    private readonly List<HashSet<string>> _byDepth = [];

    /// <summary>
    /// With the reader on a record's <c>{</c>, reads to its <c>}</c>; returns the first name an object repeats
    /// (compared unescaped, so an escaped twin counts), or null.
    /// </summary>
    public string? FindDuplicate(ref Utf8JsonReader reader)
    {
        var recordDepth = reader.CurrentDepth;
        Open(recordDepth);
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.PropertyName:
                    // A member name sits one level below the object that holds it.
                    var name = reader.GetString()!;
                    if (!_byDepth[reader.CurrentDepth - 1].Add(name))
                    {
                        return name;
                    }

                    break;
                case JsonTokenType.StartObject:
                    Open(reader.CurrentDepth);
                    break;
                case JsonTokenType.EndObject when reader.CurrentDepth == recordDepth:
                    return null;
            }
        }

        // Unreachable on a whole body: an object left open makes Read throw.
        return null;
    }

    private void Open(int depth)
    {
        while (_byDepth.Count <= depth)
        {
            _byDepth.Add(new HashSet<string>(StringComparer.Ordinal));
        }

        _byDepth[depth].Clear();
    }
}
