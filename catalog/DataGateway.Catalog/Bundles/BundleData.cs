using System.Buffers;
using System.Globalization;
using System.Text.Json;
using DataGateway.Policy.Model;
using DataGateway.Policy.Opa;

namespace DataGateway.Catalog.Bundles;

/// <summary>
/// The bundle's <c>data.json</c>: the catalog snapshot OPA needs, under <c>datagateway.catalog</c>, in the shape
/// <c>policy/rego/datagateway/builtin.rego</c> reads. What is left out is the point: no service, no address, no
/// upstream path, no key or secret — a sidecar's copy of the policy data tells nobody where the data lives.
/// </summary>
internal static class BundleData
{
    public static byte[] Write(CatalogSnapshot snapshot)
    {
        var buffer = new ArrayBufferWriter<byte>(64 * 1024);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("datagateway");
            json.WriteStartObject("catalog");
            json.WriteNumber("version", snapshot.Version);
            WriteOrganizations(json, snapshot);
            WriteDatasets(json, snapshot);
            WriteGrants(json, snapshot);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteOrganizations(Utf8JsonWriter json, CatalogSnapshot snapshot)
    {
        json.WriteStartObject("organizations");
        foreach (var organization in snapshot.Organizations.OrderBy(o => o.Id, StringComparer.Ordinal))
        {
            json.WriteStartObject(organization.Id);
            json.WriteString("name", organization.Name);
            json.WriteString("kind", OpaNames.Of(organization.Kind));
            WriteNullable(json, "district", organization.DistrictCode);
            WriteSorted(json, "licensedDomains", organization.LicensedDomains);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteDatasets(Utf8JsonWriter json, CatalogSnapshot snapshot)
    {
        json.WriteStartObject("datasets");
        foreach (var dataset in snapshot.Datasets.OrderBy(d => d.Code, StringComparer.Ordinal))
        {
            json.WriteStartObject(dataset.Code);
            json.WriteString("title", dataset.Title);
            json.WriteString("owner", dataset.OwnerId);
            json.WriteString("domain", dataset.Domain);
            json.WriteString("sharing", OpaNames.Of(dataset.Sharing));
            json.WriteBoolean("openForOperation", dataset.OpenForOperation);
            WriteNullable(json, "districtField", dataset.DistrictField);
            json.WriteNumber("maxPageSize", dataset.MaxPageSize);
            json.WriteStartObject("fields");
            foreach (var field in dataset.Fields)
            {
                json.WriteStartObject(field.Name);
                json.WriteString("title", field.Title);
                json.WriteString("level", field.Level.ToString());
                json.WriteBoolean("personalInformation", field.PersonalInformation);
                json.WriteString("mask", field.Mask.ToString());
                json.WriteEndObject();
            }

            json.WriteEndObject();
            WriteSorted(json, "districtReturnFields", dataset.DistrictReturnFields);
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    /// <summary>By organization, then dataset: the lookup a rule makes (<c>grants[org][dataset]</c>).</summary>
    private static void WriteGrants(Utf8JsonWriter json, CatalogSnapshot snapshot)
    {
        json.WriteStartObject("grants");
        foreach (var byOrganization in snapshot.Grants.GroupBy(g => g.OrganizationId, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            json.WriteStartObject(byOrganization.Key);
            foreach (var byDataset in byOrganization.GroupBy(g => g.DatasetCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                json.WriteStartArray(byDataset.Key);
                foreach (var grant in byDataset.OrderBy(g => g.Id, StringComparer.Ordinal))
                {
                    WriteGrant(json, grant);
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteGrant(Utf8JsonWriter json, Grant grant)
    {
        json.WriteStartObject();
        json.WriteString("id", grant.Id);
        json.WriteString("scenario", grant.Scenario);
        WriteSorted(json, "fields", grant.Fields);
        WriteSorted(json, "districts", grant.Districts);
        WriteSorted(json, "verifyFields", grant.VerifyFields);
        json.WriteString("validFrom", Utc(grant.ValidFrom));
        json.WriteString("validUntil", Utc(grant.ValidUntil));
        if (grant.DailyQuota is { } quota)
        {
            json.WriteNumber("dailyQuota", quota);
        }
        else
        {
            json.WriteNull("dailyQuota");
        }

        // The stored state; a rule derives "expired" from the validity, as the built-in engine does.
        json.WriteString("state", OpaNames.Of(grant.State));
        json.WriteEndObject();
    }

    private static string Utc(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

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
