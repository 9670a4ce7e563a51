using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace DataGateway.Catalog.Requests;

/// <summary>
/// Reads a JSON body against the type the endpoint binds it to, before it is bound, and reports the first thing that
/// would make it mean something other than what it says: a member named twice (also escaped, <c>"\u006bind"</c>, or in
/// another case, <c>"Kind"</c> beside <c>"kind"</c>, since binding matches names case-insensitively), a member the
/// type does not have, a value of the wrong type, or a character <see cref="TextRules"/> refuses.
/// </summary>
/// <remarks>
/// The serializer is set to refuse duplicates and unknown members too; this scan runs first so that the answer can
/// name the member, which the framework's own 400 does not. Values the type leaves open (a <see cref="JsonElement"/>)
/// are scanned for duplicates and characters all the same.
/// </remarks>
public static class JsonBodyScanner
{
    private static readonly ConcurrentDictionary<JsonTypeInfo, Dictionary<string, JsonPropertyInfo>> Members = new();

    /// <summary>The first issue of <paramref name="body"/> read as <paramref name="type"/> (null: any JSON), or null when there is none.</summary>
    public static JsonBodyIssue? Scan(ReadOnlySpan<byte> body, Type? type, JsonSerializerOptions options)
    {
        // Validated up front, so that the only text a string cannot become is an escaped lone surrogate.
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            return new JsonBodyIssue(JsonBodyIssueKind.Malformed, "");
        }

        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
        try
        {
            if (!reader.Read())
            {
                return new JsonBodyIssue(JsonBodyIssueKind.Malformed, "");
            }

            var info = type is null ? null : options.GetTypeInfo(type);
            var issue = Value(ref reader, info, options, "");
            if (issue is null && reader.Read())
            {
                // Something after the value: Utf8JsonReader throws on most of it, this catches the rest.
                return new JsonBodyIssue(JsonBodyIssueKind.Malformed, "");
            }

            return issue;
        }
        catch (JsonException)
        {
            return new JsonBodyIssue(JsonBodyIssueKind.Malformed, "");
        }
        catch (InvalidOperationException)
        {
            // A member name with an escaped lone surrogate ("\ud800"); values are caught where their path is known.
            return new JsonBodyIssue(JsonBodyIssueKind.ForbiddenCharacter, "", Character: null);
        }
    }

    private static JsonBodyIssue? Value(ref Utf8JsonReader reader, JsonTypeInfo? info, JsonSerializerOptions options, string path)
    {
        if (info is null || IsOpen(info.Type))
        {
            return Untyped(ref reader, path);
        }

        var nullable = Nullable.GetUnderlyingType(info.Type) is not null || !info.Type.IsValueType;
        if (reader.TokenType == JsonTokenType.Null)
        {
            return nullable ? null : new JsonBodyIssue(JsonBodyIssueKind.WrongType, path, Expected(info.Type));
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                return reader.TokenType == JsonTokenType.StartObject
                    ? Object(ref reader, info, options, path)
                    : new JsonBodyIssue(JsonBodyIssueKind.WrongType, path, "object");
            case JsonTypeInfoKind.Enumerable:
                if (reader.TokenType != JsonTokenType.StartArray)
                {
                    return new JsonBodyIssue(JsonBodyIssueKind.WrongType, path, "array");
                }

                var element = options.GetTypeInfo(info.ElementType!);
                for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
                {
                    if (Value(ref reader, element, options, $"{path}[{i}]") is { } issue)
                    {
                        return issue;
                    }
                }

                return null;
            case JsonTypeInfoKind.Dictionary:
                return reader.TokenType == JsonTokenType.StartObject
                    ? Map(ref reader, options.GetTypeInfo(info.ElementType!), options, path)
                    : new JsonBodyIssue(JsonBodyIssueKind.WrongType, path, "object");
            default:
                return Scalar(ref reader, Nullable.GetUnderlyingType(info.Type) ?? info.Type, path);
        }
    }

    private static JsonBodyIssue? Object(ref Utf8JsonReader reader, JsonTypeInfo info, JsonSerializerOptions options, string path)
    {
        var members = Members.GetOrAdd(info, i => i.Properties.ToDictionary(
            p => p.Name,
            i.Options.PropertyNameCaseInsensitive ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal));
        var seen = new HashSet<JsonPropertyInfo>();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            var at = path.Length == 0 ? name : $"{path}.{name}";
            if (TextRules.IndexOfForbidden(name, multiline: false) is >= 0 and var bad)
            {
                return new JsonBodyIssue(JsonBodyIssueKind.ForbiddenCharacter, path, Character: TextRules.Describe(name, bad));
            }

            if (!members.TryGetValue(name, out var member))
            {
                return new JsonBodyIssue(JsonBodyIssueKind.UnknownMember, at);
            }

            if (!seen.Add(member))
            {
                return new JsonBodyIssue(JsonBodyIssueKind.DuplicateMember, path.Length == 0 ? member.Name : $"{path}.{member.Name}");
            }

            reader.Read();
            if (Value(ref reader, options.GetTypeInfo(member.PropertyType), options, path.Length == 0 ? member.Name : $"{path}.{member.Name}") is { } issue)
            {
                return issue;
            }
        }

        return null;
    }

    private static JsonBodyIssue? Map(ref Utf8JsonReader reader, JsonTypeInfo element, JsonSerializerOptions options, string path)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            var at = $"{path}.{key}";
            if (TextRules.IndexOfForbidden(key, multiline: false) is >= 0 and var bad)
            {
                return new JsonBodyIssue(JsonBodyIssueKind.ForbiddenCharacter, path, Character: TextRules.Describe(key, bad));
            }

            if (!seen.Add(key))
            {
                return new JsonBodyIssue(JsonBodyIssueKind.DuplicateMember, at);
            }

            reader.Read();
            if (Value(ref reader, element, options, at) is { } issue)
            {
                return issue;
            }
        }

        return null;
    }

    /// <summary>Any JSON: members unique case-insensitively, every text clean.</summary>
    private static JsonBodyIssue? Untyped(ref Utf8JsonReader reader, string path)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    if (TextRules.IndexOfForbidden(name, multiline: false) is >= 0 and var bad)
                    {
                        return new JsonBodyIssue(JsonBodyIssueKind.ForbiddenCharacter, path, Character: TextRules.Describe(name, bad));
                    }

                    if (!seen.Add(name))
                    {
                        return new JsonBodyIssue(JsonBodyIssueKind.DuplicateMember, at);
                    }

                    reader.Read();
                    if (Untyped(ref reader, at) is { } issue)
                    {
                        return issue;
                    }
                }

                return null;
            case JsonTokenType.StartArray:
                for (var i = 0; reader.Read() && reader.TokenType != JsonTokenType.EndArray; i++)
                {
                    if (Untyped(ref reader, $"{path}[{i}]") is { } issue)
                    {
                        return issue;
                    }
                }

                return null;
            case JsonTokenType.String:
                return Text(ref reader, path);
            default:
                return null;
        }
    }

    private static JsonBodyIssue? Scalar(ref Utf8JsonReader reader, Type type, string path)
    {
        var fits = Type.GetTypeCode(type) switch
        {
            TypeCode.String => reader.TokenType == JsonTokenType.String,
            TypeCode.Boolean => reader.TokenType is JsonTokenType.True or JsonTokenType.False,
            TypeCode.Int16 => reader.TokenType == JsonTokenType.Number && reader.TryGetInt16(out _),
            TypeCode.Int32 => reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out _),
            TypeCode.Int64 => reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out _),
            TypeCode.Decimal => reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out _),
            TypeCode.Double => reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out _),
            TypeCode.DateTime => reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out _),
            _ when type == typeof(DateTimeOffset) => reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out _),
            _ when type == typeof(Guid) => reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out _),
            // Anything else (an enumeration, a type with its own converter) is the serializer's to judge.
            _ => true,
        };
        if (!fits)
        {
            return new JsonBodyIssue(JsonBodyIssueKind.WrongType, path, Expected(type));
        }

        if (reader.TokenType == JsonTokenType.String)
        {
            return Text(ref reader, path);
        }

        if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            return Untyped(ref reader, path);
        }

        return null;
    }

    private static JsonBodyIssue? Text(ref Utf8JsonReader reader, string path)
    {
        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // An escaped lone surrogate ("\ud800") cannot become a string at all.
            return new JsonBodyIssue(JsonBodyIssueKind.ForbiddenCharacter, path, Character: null);
        }

        return TextRules.IndexOfForbidden(text, multiline: true) is >= 0 and var bad
            ? new JsonBodyIssue(JsonBodyIssueKind.ForbiddenCharacter, path, Character: TextRules.Describe(text, bad))
            : null;
    }

    private static bool IsOpen(Type type) =>
        type == typeof(object) || type == typeof(JsonElement) || type == typeof(JsonElement?) || typeof(System.Text.Json.Nodes.JsonNode).IsAssignableFrom(type);

    /// <summary>What a member of <paramref name="type"/> takes, as the suffix of its <c>json_wrong_type.*</c> message.</summary>
    private static string Expected(Type type) => Type.GetTypeCode(Nullable.GetUnderlyingType(type) ?? type) switch
    {
        TypeCode.String => "string",
        TypeCode.Boolean => "boolean",
        TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 => "integer",
        TypeCode.Decimal or TypeCode.Double => "number",
        TypeCode.DateTime => "date_time",
        _ when (Nullable.GetUnderlyingType(type) ?? type) == typeof(DateTimeOffset) => "date_time_offset",
        _ when (Nullable.GetUnderlyingType(type) ?? type) == typeof(Guid) => "uuid",
        _ => "other",
    };
}
