using System.Text.RegularExpressions;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Policy.Model;

namespace DataGateway.Catalog.Datasets;

/// <summary>
/// Every rule a dataset must satisfy, checked without the database; shared by the API and the CSV importer so a
/// spreadsheet row and a JSON body are held to the same standard.
/// </summary>
public static partial class DatasetValidator
{
    public static readonly string[] Types = ["string", "number", "integer", "boolean", "date", "datetime", "object", "array"];
    public static readonly string[] StandardLevels = ["national", "city", "district"];

    private const int MaxFields = 500;

    /// <summary>The longest deadline a dataset may give its department for a dispute: a quarter.</summary>
    private const int MaxDisputeAnswerDays = 90;

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,63}(\.[A-Za-z_][A-Za-z0-9_]{0,63}){0,7}$")]
    private static partial Regex FieldPath();

    [GeneratedRegex(@"^(/[A-Za-z0-9._~\-]+)+/?$|^/$")]
    private static partial Regex ServicePath();

    [GeneratedRegex(@"^[a-z][a-z0-9_-]{0,63}$")]
    private static partial Regex Domain();

    public static Validation Validate(DatasetBody body, string? code)
    {
        var v = new Validation();
        v.Identifier("code", code);
        v.Require("title", body.Title);
        if (body.Description?.Length > 4000)
        {
            v.Add("description", CatalogMessages.Get("validation.too_long", 4000));
        }

        v.Text("description", body.Description, multiline: true);

        v.Identifier("ownerId", body.OwnerId);
        v.Identifier("serviceId", body.ServiceId);
        if (body.Path is null || !ServicePath().IsMatch(body.Path) || body.Path.Contains("/../", StringComparison.Ordinal) || body.Path.Contains("/./", StringComparison.Ordinal))
        {
            v.Add("path", CatalogMessages.Get("validation.dataset_path"));
        }

        if (body.Domain is null || !Domain().IsMatch(body.Domain))
        {
            v.Add("domain", CatalogMessages.Get("validation.domain"));
        }

        if (!CatalogText.TryParseSharing(body.Sharing, out _))
        {
            v.Add("sharing", CatalogMessages.Get("validation.sharing"));
        }

        if (body.RecordPath is { Length: > 0 } recordPath && !FieldPath().IsMatch(recordPath))
        {
            v.Add("recordPath", CatalogMessages.Get("validation.record_path"));
        }

        ValidatePrice(v, "queryPrice", body.QueryPrice);
        ValidatePrice(v, "verifyPrice", body.VerifyPrice);
        ValidateShare(v, "revenueShare", body.RevenueShare);

        if (body.MaxPageSize is < 1 or > Dataset.MaxPageSizeLimit)
        {
            v.Add("maxPageSize", CatalogMessages.Get("validation.max_page_size", Dataset.MaxPageSizeLimit));
        }

        if (body.StandardLevel is not null && !StandardLevels.Contains(body.StandardLevel))
        {
            v.Add("standardLevel", CatalogMessages.Get("validation.standard_level"));
        }

        var names = ValidateFields(v, body.Fields);
        if (body.DistrictField is not null && !names.Contains(body.DistrictField))
        {
            v.Add("districtField", CatalogMessages.Get("validation.not_a_dataset_field", body.DistrictField));
        }

        ValidateRecordField(v, "consentSubjectField", body.ConsentSubjectField, body.Fields);
        ValidateRecordField(v, "recordKeyField", body.RecordKeyField, body.Fields);
        if (body.DisputeAnswerDays is < 1 or > MaxDisputeAnswerDays)
        {
            v.Add("disputeAnswerDays", CatalogMessages.Get("validation.dispute_answer_days", MaxDisputeAnswerDays));
        }

        foreach (var name in body.DistrictReturnFields ?? [])
        {
            if (!names.Contains(name))
            {
                v.Add("districtReturnFields", CatalogMessages.Get("validation.not_a_dataset_field", name));
            }
        }

        return v;
    }

    /// <summary>
    /// A field that names a record by its value (the consent subject, the dispute key): one of the dataset's top-level
    /// fields of type string or integer, so the gateway compares one scalar per record, never a path or an object.
    /// </summary>
    private static void ValidateRecordField(Validation v, string property, string? name, FieldBody[]? fields)
    {
        if (name is null)
        {
            return;
        }

        var field = fields?.FirstOrDefault(f => f?.Name == name);
        if (field is null)
        {
            v.Add(property, CatalogMessages.Get("validation.not_a_dataset_field", name));
        }
        else if (name.Contains('.', StringComparison.Ordinal) || (field.Type ?? "string") is not ("string" or "integer"))
        {
            v.Add(property, CatalogMessages.Get("validation.record_field"));
        }
        else if (property == "recordKeyField" && field.Mask is { Length: > 0 } mask && mask != "none")
        {
            // A caller names the record it disputes by its key: a masked key could only be named by un-masking it.
            v.Add(property, CatalogMessages.Get("validation.record_key_masked"));
        }
    }

    /// <summary>A price in yuan to the fen, 0 to 1,000,000; null passes (the caller decides whether it is required).</summary>
    public static void ValidatePrice(Validation v, string field, decimal? price)
    {
        if (price is null)
        {
            return;
        }

        if (price < 0 || price > 1_000_000)
        {
            v.Add(field, CatalogMessages.Get("validation.price_range", 1_000_000));
        }
        else if (decimal.Round(price.Value, 2) != price.Value)
        {
            v.Add(field, CatalogMessages.Get("validation.price_fen"));
        }
    }

    /// <summary>A revenue share (收益共享), 0 to 1, as the schema stores it (four decimals); null passes.</summary>
    public static void ValidateShare(Validation v, string field, decimal? share)
    {
        if (share is < 0 or > 1)
        {
            v.Add(field, CatalogMessages.Get("validation.share_range"));
        }
        else if (share is { } value && decimal.Round(value, 4) != value)
        {
            // The schema would round it silently, and the split would then not be the one the admin asked for.
            v.Add(field, CatalogMessages.Get("validation.share_decimals"));
        }
    }

    private static HashSet<string> ValidateFields(Validation v, FieldBody[]? fields)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);

        // Names are ASCII (FieldPath), so case is the only way two of them can look alike; Unicode normalisation has
        // nothing to fold. `secret` (L4) beside `SECRET` (L1) would let a grant of one read as the other wherever a
        // name is matched loosely, so they are refused however the dataset arrives (API or CSV).
        var folded = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (fields is null || fields.Length == 0)
        {
            v.Add("fields", CatalogMessages.Get("validation.fields_none"));
            return names;
        }

        if (fields.Length > MaxFields)
        {
            v.Add("fields", CatalogMessages.Get("validation.fields_too_many", MaxFields));
        }

        for (var i = 0; i < fields.Length; i++)
        {
            var f = fields[i];
            var at = $"fields[{i}]";
            if (f.Name is null || !FieldPath().IsMatch(f.Name))
            {
                v.Add($"{at}.name", CatalogMessages.Get("validation.field_name"));
            }
            else if (!names.Add(f.Name))
            {
                v.Add($"{at}.name", CatalogMessages.Get("validation.field_duplicate", f.Name));
            }
            else if (!folded.TryAdd(f.Name, f.Name))
            {
                v.Add($"{at}.name", CatalogMessages.Get("validation.field_case", f.Name, folded[f.Name]));
            }

            v.Require($"{at}.title", f.Title);
            // Passed as a list (joined in the caller's language), not spread over the placeholders as an array would be.
            if (f.Type is not null && !Types.Contains(f.Type))
            {
                v.Add($"{at}.type", CatalogMessages.Get("validation.field_type", (IEnumerable<string>)Types));
            }

            if (!TryParseLevel(f.Level, out _))
            {
                v.Add($"{at}.level", CatalogMessages.Get("validation.field_level"));
            }

            if (!MaskRule.TryParse(f.Mask, out _))
            {
                v.Add($"{at}.mask", CatalogMessages.Get("validation.field_mask"));
            }
        }

        // A field and a path inside it (owner and owner.name) would make "which part is granted" ambiguous.
        foreach (var name in names)
        {
            var dot = name.LastIndexOf('.');
            while (dot > 0)
            {
                var parent = name[..dot];
                if (folded.ContainsKey(parent))
                {
                    v.Add("fields", CatalogMessages.Get("validation.field_nested", name, parent));
                    break;
                }

                dot = parent.LastIndexOf('.');
            }
        }

        return names;
    }

    public static bool TryParseLevel(string? text, out FieldLevel level)
    {
        level = text switch
        {
            "L1" => FieldLevel.L1,
            "L2" => FieldLevel.L2,
            "L3" => FieldLevel.L3,
            "L4" => FieldLevel.L4,
            _ => 0,
        };
        return level != 0;
    }
}
