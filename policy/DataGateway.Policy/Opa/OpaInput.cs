using System.Buffers;
using System.Globalization;
using System.Text.Json;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Policy.Opa;

/// <summary>
/// Writes the one input document OPA is asked about (<c>{"input": {subject, resource, action, context}}</c>, its
/// JSON schema in <c>policy/README.md</c>): the facts the built-in engine decided on and what it decided.
/// </summary>
/// <remarks>
/// The document is also the decision cache's key, so it holds only what a rule may depend on, and the time only to
/// the minute: office-hours rules need no finer clock, and a per-call timestamp would make every input new.
/// </remarks>
public static class OpaInput
{
    /// <summary>The request body for <paramref name="request"/>, which <paramref name="builtIn"/> allowed, as UTF-8 JSON.</summary>
    public static byte[] Write(CatalogSnapshot snapshot, AccessRequest request, Decision builtIn, string? clientAddress)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("input");
            WriteSubject(json, snapshot.FindOrganization(request.Caller.OrganizationId), request.Caller);
            WriteResource(json, builtIn.Dataset!);
            json.WriteString("action", OpaNames.Of(request.Action));
            WriteContext(json, snapshot, request, builtIn, clientAddress);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The time as OPA sees it: UTC, to the minute.</summary>
    public static DateTimeOffset ToMinute(DateTimeOffset now)
    {
        var utc = now.ToUniversalTime();
        return new DateTimeOffset(utc.Year, utc.Month, utc.Day, utc.Hour, utc.Minute, 0, TimeSpan.Zero);
    }

    private static void WriteSubject(Utf8JsonWriter json, Organization? organization, CallerIdentity caller)
    {
        json.WriteStartObject("subject");
        json.WriteString("organization", caller.OrganizationId);
        json.WriteString("kind", OpaNames.Of(caller.Kind));
        WriteNullable(json, "district", caller.DistrictCode);
        WriteSorted(json, "licensedDomains", organization?.LicensedDomains ?? (IReadOnlyCollection<string>)[]);
        json.WriteEndObject();
    }

    private static void WriteResource(Utf8JsonWriter json, Dataset dataset)
    {
        json.WriteStartObject("resource");
        json.WriteString("dataset", dataset.Code);
        json.WriteString("owner", dataset.OwnerId);
        json.WriteString("domain", dataset.Domain);
        json.WriteString("sharing", OpaNames.Of(dataset.Sharing));
        json.WriteBoolean("openForOperation", dataset.OpenForOperation);
        WriteNullable(json, "districtField", dataset.DistrictField);
        json.WriteEndObject();
    }

    private static void WriteContext(Utf8JsonWriter json, CatalogSnapshot snapshot, AccessRequest request, Decision builtIn, string? clientAddress)
    {
        json.WriteStartObject("context");
        json.WriteString("time", ToMinute(request.Now).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        json.WriteNumber("catalogVersion", snapshot.Version);
        WriteNullableList(json, "requestedFields", request.RequestedFields);
        WriteNullable(json, "requestedDistrict", request.RequestedDistrict);
        WriteNullable(json, "clientAddress", clientAddress);
        WriteGrant(json, builtIn.Grant);
        json.WriteStartObject("builtIn");
        json.WriteString("reason", builtIn.ReasonCode);
        json.WriteStartArray("fields");
        foreach (var field in builtIn.Fields)
        {
            json.WriteStringValue(field.Name);
        }

        json.WriteEndArray();
        if (builtIn.Districts is null)
        {
            json.WriteNull("districts");
        }
        else
        {
            WriteSorted(json, "districts", builtIn.Districts);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteGrant(Utf8JsonWriter json, Grant? grant)
    {
        if (grant is null)
        {
            json.WriteNull("grant");
            return;
        }

        json.WriteStartObject("grant");
        json.WriteString("id", grant.Id);
        json.WriteString("scenario", grant.Scenario);
        WriteSorted(json, "fields", grant.Fields);
        WriteSorted(json, "districts", grant.Districts);
        WriteSorted(json, "verifyFields", grant.VerifyFields);
        json.WriteString("validUntil", grant.ValidUntil.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
        if (grant.DailyQuota is { } quota)
        {
            json.WriteNumber("dailyQuota", quota);
        }
        else
        {
            json.WriteNull("dailyQuota");
        }

        json.WriteEndObject();
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static void WriteNullableList(Utf8JsonWriter json, string name, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            json.WriteNull(name);
            return;
        }

        json.WriteStartArray(name);
        foreach (var value in values)
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }

    /// <summary>Sets in ordinal order, so the same facts always make the same document (and the same cache key).</summary>
    private static void WriteSorted(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values.Order(StringComparer.Ordinal))
        {
            json.WriteStringValue(value);
        }

        json.WriteEndArray();
    }
}
