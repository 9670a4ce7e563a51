using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Gateway.Tests.Enforcement;

/// <summary>
/// The filter's semantics written the simple way, over a parsed document, to check the streaming filter against.
/// Written from the rules, not from the filter: no shared code beyond System.Text.Json.
/// </summary>
/// <remarks>
/// The output goes through <see cref="Utf8JsonWriter"/> rather than <c>JsonObject</c> because the corpus holds
/// duplicate keys on purpose (in envelopes and inside values granted whole), which a <c>JsonObject</c> cannot hold.
/// </remarks>
internal sealed partial class ReferenceProjection
{
    private readonly string[] _recordPath;
    private readonly Node _root = new();
    private readonly string[]? _districtPath;
    private readonly IReadOnlySet<string>? _districts;
    private readonly byte[] _key;

    public ReferenceProjection(
        string recordPath, IEnumerable<FieldDecision> fields, string? districtField, IReadOnlySet<string>? districts, byte[] key, RecordRules? rules = null)
    {
        _rules = rules;
        _recordPath = recordPath.Length == 0 ? [] : recordPath.Split('.');
        foreach (var field in fields)
        {
            var node = _root;
            foreach (var segment in field.Name.Split('.'))
            {
                node = node.Children.TryGetValue(segment, out var child) ? child : node.Children[segment] = new Node();
            }

            node.Mask = field.Mask;
        }

        _districtPath = districtField?.Split('.');
        _districts = districts;
        _key = key;
    }

    public long RecordsSeen { get; private set; }

    public long RecordsReturned { get; private set; }

    /// <summary>The projection of <paramref name="json"/>, written compactly.</summary>
    /// <summary>
    /// Whether the document holds the record path: through objects, key by key (every occurrence of a repeated key
    /// followed), to a value of any kind. A document of an envelope dataset without it must be refused whole.
    /// </summary>
    public bool ReachesRecordPath(string json)
    {
        if (_recordPath.Length == 0)
        {
            return true;
        }

        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 256 });
        return Reaches(document.RootElement, 0);
    }

    private bool Reaches(JsonElement element, int level)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        foreach (var property in element.EnumerateObject())
        {
            if (property.Name == _recordPath[level] && (level + 1 == _recordPath.Length || Reaches(property.Value, level + 1)))
            {
                return true;
            }
        }

        return false;
    }

    public string Project(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Write(w =>
        {
            if (_recordPath.Length == 0)
            {
                RecordPathValue(document.RootElement, w);
            }
            else
            {
                Envelope(document.RootElement, 0, w);
            }
        });
    }

    /// <summary>Any JSON text written compactly the same way, for comparing with <see cref="Project"/>.</summary>
    public static string Canonical(byte[] json)
    {
        using var document = JsonDocument.Parse(json);
        return Write(document.RootElement.WriteTo);
    }

    private static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private void Envelope(JsonElement element, int level, Utf8JsonWriter w)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            element.WriteTo(w);
            return;
        }

        w.WriteStartObject();
        foreach (var property in element.EnumerateObject())
        {
            w.WritePropertyName(property.Name);
            if (property.Name != _recordPath[level])
            {
                property.Value.WriteTo(w);
            }
            else if (level + 1 == _recordPath.Length)
            {
                RecordPathValue(property.Value, w);
            }
            else
            {
                Envelope(property.Value, level + 1, w);
            }
        }

        w.WriteEndObject();
    }

    private void RecordPathValue(JsonElement element, Utf8JsonWriter w)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    RecordsSeen++;
                    if (item.ValueKind == JsonValueKind.Object && InScope(item) && IsSubjects(item))
                    {
                        RecordsReturned++;
                        Object(item, _root, w, Returned(item));
                    }
                }

                w.WriteEndArray();
                break;
            case JsonValueKind.Object:
                RecordsSeen++;
                if (InScope(element) && IsSubjects(element))
                {
                    RecordsReturned++;
                    Object(element, _root, w, Returned(element));
                }
                else
                {
                    w.WriteNullValue();
                }

                break;
            case JsonValueKind.String:
                w.WriteNullValue();
                break;
            default:
                element.WriteTo(w);
                break;
        }
    }

    /// <summary>Exactly one district value, reached through objects that each occur once, and it is allowed.</summary>
    private bool InScope(JsonElement record)
    {
        if (_districts is null)
        {
            return true;
        }

        if (_districtPath is null)
        {
            return false;
        }

        var current = record;
        foreach (var segment in _districtPath)
        {
            if (current.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            var matches = current.EnumerateObject().Where(p => p.Name == segment).ToList();
            if (matches.Count != 1)
            {
                return false;
            }

            current = matches[0].Value;
        }

        return current.ValueKind switch
        {
            JsonValueKind.String => _districts.Contains(current.GetString()!),
            JsonValueKind.Number => _districts.Contains(current.GetRawText()),
            _ => false,
        };
    }

    private void Object(JsonElement element, Node node, Utf8JsonWriter w, string? mark = null)
    {
        var counts = element.EnumerateObject().GroupBy(p => p.Name).ToDictionary(g => g.Key, g => g.Count());
        w.WriteStartObject();
        foreach (var property in element.EnumerateObject())
        {
            if (!node.Children.TryGetValue(property.Name, out var child) || counts[property.Name] > 1)
            {
                continue;
            }

            if (child.Mask is not null)
            {
                w.WritePropertyName(property.Name);
                Masked(property.Value, child.Mask, w);
            }
            else if (property.Value.ValueKind == JsonValueKind.Object)
            {
                w.WritePropertyName(property.Name);
                Object(property.Value, child, w);
            }
            else if (property.Value.ValueKind == JsonValueKind.Array)
            {
                w.WritePropertyName(property.Name);
                Array(property.Value, child, w);
            }
        }

        if (mark is not null)
        {
            w.WriteString("_dispute", mark);
        }

        w.WriteEndObject();
    }

    private void Array(JsonElement element, Node node, Utf8JsonWriter w)
    {
        w.WriteStartArray();
        foreach (var item in element.EnumerateArray())
        {
            if (item.ValueKind == JsonValueKind.Object)
            {
                Object(item, node, w);
            }
            else if (item.ValueKind == JsonValueKind.Array)
            {
                Array(item, node, w);
            }
        }

        w.WriteEndArray();
    }

    private void Masked(JsonElement value, MaskRule mask, Utf8JsonWriter w)
    {
        if (mask.Kind == MaskKind.None || value.ValueKind is JsonValueKind.Null or JsonValueKind.True or JsonValueKind.False)
        {
            value.WriteTo(w);
            return;
        }

        if (value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            w.WriteStringValue("***");
            return;
        }

        var isNumber = value.ValueKind == JsonValueKind.Number;
        var text = isNumber ? value.GetRawText() : value.GetString()!;
        switch (mask.Kind)
        {
            case MaskKind.Keep:
                var runes = text.EnumerateRunes().ToList();
                w.WriteStringValue(runes.Count <= mask.KeepFirst + mask.KeepLast
                    ? new string('*', runes.Count)
                    : string.Concat(runes.Take(mask.KeepFirst)) + new string('*', runes.Count - mask.KeepFirst - mask.KeepLast) + string.Concat(runes.TakeLast(mask.KeepLast)));
                break;
            case MaskKind.Hash:
                w.WriteStringValue(Convert.ToHexStringLower(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(text)))[..32]);
                break;
            case MaskKind.YearOnly when isNumber:
                value.WriteTo(w);
                break;
            case MaskKind.YearOnly:
                w.WriteStringValue(text.Length >= 4 && text[..4].All(char.IsAsciiDigit) ? text[..4] : "***");
                break;
            default:
                w.WriteStringValue("***");
                break;
        }
    }

    private sealed class Node
    {
        public Dictionary<string, Node> Children { get; } = new(StringComparer.Ordinal);

        /// <summary>Set when the path ends here: the value is kept whole, through this mask.</summary>
        public MaskRule? Mask { get; set; }
    }
}
