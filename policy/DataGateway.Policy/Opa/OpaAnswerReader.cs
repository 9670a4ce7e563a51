using System.Collections.Frozen;
using System.Text.Json;
using DataGateway.Policy.Decisions;

namespace DataGateway.Policy.Opa;

/// <summary>
/// Reads OPA's Data API answer (<c>{"result": …, "provenance": …}</c>) strictly: anything but the documented shape is
/// <see cref="ReasonCodes.ExternalPolicyMalformed"/>, a missing <c>result</c> <see cref="ReasonCodes.ExternalPolicyUndefined"/>.
/// </summary>
/// <remarks>
/// <c>result</c> is either a boolean (a plain <c>allow</c> rule) or an object <c>{allow, reason?, fields?, districts?,
/// rules?}</c>. A duplicate member is malformed rather than "the last one wins": two <c>allow</c> members would mean
/// whatever a reader chose.
/// </remarks>
public static class OpaAnswerReader
{
    private const int MaxListLength = 10_000;
    private static readonly JsonDocumentOptions Strict = new() { AllowDuplicateProperties = false, MaxDepth = 16 };

    public static OpaVerdict Read(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, Strict);
        }
        catch (JsonException)
        {
            throw Malformed("the answer is not JSON");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Malformed("the answer is not a JSON object");
            }

            if (!root.TryGetProperty("result", out var result))
            {
                throw new OpaFailure(ReasonCodes.ExternalPolicyUndefined, "OPA's decision is undefined (no result).");
            }

            var revision = ReadRevision(root);
            return result.ValueKind switch
            {
                JsonValueKind.True => new OpaVerdict(true, null, null, null, [], revision),
                JsonValueKind.False => new OpaVerdict(false, null, null, null, [], revision),
                JsonValueKind.Object => ReadObject(result, revision),
                _ => throw Malformed("result is neither a boolean nor an object"),
            };
        }
    }

    private static OpaVerdict ReadObject(JsonElement result, string? revision)
    {
        if (!result.TryGetProperty("allow", out var allow) || allow.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Malformed("result.allow is not a boolean");
        }

        string? reason = null;
        if (result.TryGetProperty("reason", out var reasonElement) && reasonElement.ValueKind != JsonValueKind.Null)
        {
            reason = reasonElement.ValueKind == JsonValueKind.String ? reasonElement.GetString() : null;
            if (reason is null || !IsCode(reason))
            {
                throw Malformed("result.reason is not a code of lower-case letters, digits and underscores");
            }
        }

        return new OpaVerdict(
            allow.ValueKind == JsonValueKind.True,
            reason,
            ReadSet(result, "fields"),
            ReadSet(result, "districts"),
            ReadList(result, "rules") ?? [],
            revision);
    }

    /// <summary>A reason goes into logs, metrics and the ledger: only a short code, never free text from a policy.</summary>
    private static bool IsCode(string value) =>
        value.Length is > 0 and <= 64 && char.IsAsciiLetterLower(value[0])
        && value.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_');

    private static FrozenSet<string>? ReadSet(JsonElement result, string name) =>
        ReadList(result, name) is { } list ? list.ToFrozenSet(StringComparer.Ordinal) : null;

    private static List<string>? ReadList(JsonElement result, string name)
    {
        if (!result.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() > MaxListLength)
        {
            throw Malformed($"result.{name} is not a list of strings");
        }

        var list = new List<string>(element.GetArrayLength());
        foreach (var item in element.EnumerateArray())
        {
            list.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : throw Malformed($"result.{name} is not a list of strings"));
        }

        return list;
    }

    /// <summary>OPA's <c>?provenance</c> names each bundle's revision; ours is the one bundle, so the first is it.</summary>
    private static string? ReadRevision(JsonElement root)
    {
        if (root.TryGetProperty("provenance", out var provenance) && provenance.ValueKind == JsonValueKind.Object
            && provenance.TryGetProperty("bundles", out var bundles) && bundles.ValueKind == JsonValueKind.Object)
        {
            foreach (var bundle in bundles.EnumerateObject())
            {
                if (bundle.Value.ValueKind == JsonValueKind.Object && bundle.Value.TryGetProperty("revision", out var revision)
                    && revision.ValueKind == JsonValueKind.String && revision.GetString() is { Length: <= 128 } text)
                {
                    return text;
                }
            }
        }

        return null;
    }

    private static OpaFailure Malformed(string why) => new(ReasonCodes.ExternalPolicyMalformed, $"OPA's answer is malformed: {why}.");
}
