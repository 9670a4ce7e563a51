using DataGateway.Catalog.Problems;
using DataGateway.Common.ApiReference;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataGateway.Catalog.ApiReference;

/// <summary>
/// What every catalog operation has in common, so that handlers need not repeat it: a /v1 operation needs a bearer
/// token (401 with the validator's codes), an admin-only one answers 403 <c>admin_required</c>, one that takes
/// parameters or a body answers 400, a JSON body can be refused with 415; plus what the endpoint's metadata declares
/// (its own refusals, hand-read query parameters, CSV). Every error answer is described as problem+json with the
/// codes it can carry.
/// </summary>
internal sealed class CatalogOperationTransformer : IOpenApiOperationTransformer
{
    private static readonly Dictionary<int, string> Descriptions = new()
    {
        [400] = "The request is not valid (请求无效); nothing was changed.",
        [401] = "Not signed in (未登录): no bearer token, or one the platform does not trust.",
        [403] = "Not allowed (无权限).",
        [404] = "Not found (不存在).",
        [409] = "Conflicts with the catalog's state (与目录状态冲突); nothing was changed.",
        [412] = "Changed by someone else since it was read (If-Match 与 ETag 不符); read it again.",
        [415] = "The body is not JSON (请求体须为 JSON).",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var description = context.Description;
        var metadata = description.ActionDescriptor.EndpointMetadata;
        var path = "/" + description.RelativePath?.TrimEnd('/');
        if (!path.StartsWith("/v1/", StringComparison.Ordinal))
        {
            return Task.CompletedTask;
        }

        var document = context.Document!;
        // Every /v1 call: a token the catalog trusts, whose organization the catalog knows as the token says
        // (403 caller_unknown), and a path and query without control characters (400 text_forbidden_character) whose
        // parameters are each given once (400 query_parameter_repeated: no parameter of the catalog is a list).
        var codes = new SortedDictionary<int, List<string>>
        {
            [401] = [.. ApiDocuments.TokenCodes],
            [403] = [Policy.Decisions.ReasonCodes.CallerUnknown],
            [400] = [CatalogProblems.TextForbiddenCharacter, Common.Problems.EdgeProblemCodes.QueryParameterRepeated],
        };
        operation.Security = [ApiDocuments.BearerRequirement(document)];

        if (metadata.OfType<AdminOnlyMetadata>().Any())
        {
            Add(codes, 403, CatalogProblems.AdminRequired);
            operation.Description = "仅限市大数据中心管理员。Admins of the data center only." + (operation.Description is { } more ? "\n\n" + more : "");
        }

        AddParameters(operation, metadata.OfType<QueryParameterDoc>(), path);
        // A body can always be malformed; a parameter only when it is parsed into something other than a string
        // (a guid in a route constraint that does not match is a 404 from routing, not a 400), or read by hand.
        if (operation.RequestBody is not null
            || metadata.OfType<QueryParameterDoc>().Any()
            || description.ParameterDescriptions.Any(p => p.Source == BindingSource.Query && Nullable.GetUnderlyingType(p.Type) is var inner && (inner ?? p.Type) != typeof(string)))
        {
            Add(codes, 400, CatalogProblems.ValidationFailed, "request_invalid");
        }

        if (operation.RequestBody?.Content?.ContainsKey("application/json") == true)
        {
            Add(codes, 415, "unsupported_media_type");
            Add(codes, 400, CatalogProblems.JsonMalformed, CatalogProblems.JsonDuplicateMember, CatalogProblems.JsonUnknownMember, CatalogProblems.JsonWrongType);
        }

        foreach (var declared in metadata.OfType<ProblemCodesMetadata>())
        {
            Add(codes, declared.Status, [.. declared.Codes]);
        }

        operation.Responses ??= [];
        foreach (var status in operation.Responses.Keys.Where(k => k.Length == 3 && k[0] is '4' or '5').ToList())
        {
            // The generator's own error entries (ValidationProblem → 400) describe the framework's schema, not ours.
            operation.Responses.Remove(status);
            if (status == "400")
            {
                Add(codes, 400, CatalogProblems.ValidationFailed);
            }
        }

        if (codes.ContainsKey(412))
        {
            operation.Parameters!.Add(new OpenApiParameter
            {
                Name = "If-Match",
                In = ParameterLocation.Header,
                Description = "The ETag a read returned: the change is made only if nobody changed the resource since (else 412). Without it, the last writer wins.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        foreach (var (status, list) in codes)
        {
            operation.Responses[status.ToString(System.Globalization.CultureInfo.InvariantCulture)] =
                ApiDocuments.ProblemResponse(document, Descriptions.GetValueOrDefault(status, "Refused."), list);
        }

        if (metadata.OfType<CsvResponseMetadata>().Any())
        {
            AddCsv(operation);
        }

        return Task.CompletedTask;
    }

    private static void Add(SortedDictionary<int, List<string>> codes, int status, params string[] add)
    {
        if (!codes.TryGetValue(status, out var list))
        {
            codes[status] = list = [];
        }

        list.AddRange(add.Where(c => !list.Contains(c)));
    }

    /// <summary>Hand-read parameters from metadata, and the values of the enumerations the generator sees as plain strings.</summary>
    private static void AddParameters(OpenApiOperation operation, IEnumerable<QueryParameterDoc> declared, string path)
    {
        operation.Parameters ??= [];
        foreach (var doc in declared)
        {
            var schema = doc.Values is { } values
                ? ApiDocuments.StringEnum(values)
                : new OpenApiSchema { Type = doc.Type, Format = doc.Format, Pattern = doc.Pattern };
            operation.Parameters.Add(new OpenApiParameter { Name = doc.Name, In = ParameterLocation.Query, Description = doc.Description, Schema = schema });
        }

        foreach (var parameter in operation.Parameters.OfType<OpenApiParameter>().Where(p => p.In == ParameterLocation.Query))
        {
            if (parameter.Name is { } name && CatalogEnums.ForQueryParameter(path, name) is { } values)
            {
                parameter.Schema = ApiDocuments.StringEnum(values);
            }
        }
    }

    private static void AddCsv(OpenApiOperation operation)
    {
        if (!operation.Responses!.TryGetValue("200", out var found) || found is not OpenApiResponse ok)
        {
            ok = new OpenApiResponse { Description = "OK" };
            operation.Responses["200"] = ok;
        }

        ok.Content ??= new Dictionary<string, OpenApiMediaType>();
        ok.Content["text/csv"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.String,
                Description = "With ?format=csv: UTF-8 with a byte order mark and Chinese column headers, as a spreadsheet opens it (导出 CSV).",
            },
        };
    }
}
