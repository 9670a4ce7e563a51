using System.Reflection;
using System.Text.Json.Nodes;
using DataGateway.Common.Problems;
using Microsoft.OpenApi;

namespace DataGateway.Common.ApiReference;

/// <summary>
/// The parts both services' OpenAPI documents share: the bearer JWT scheme, the problem+json schema, and error
/// responses that list the stable <c>code</c>s each status can carry, so a client can switch on them.
/// </summary>
public static class ApiDocuments
{
    public const string BearerScheme = "bearer";
    public const string ProblemSchema = "Problem";
    public const string ProblemContentType = "application/problem+json";

    /// <summary>The 401 codes: every refusal a bearer token can get.</summary>
    public static IReadOnlyList<string> TokenCodes => EdgeProblemCodes.TokenCodes;

    /// <summary>The values of a class's public <c>const string</c> fields, in declaration order.</summary>
    public static IReadOnlyList<string> ConstantsOf(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true, IsInitOnly: false } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)];

    /// <summary>Adds the bearer scheme and the problem schema to the document's components.</summary>
    public static void AddCommonComponents(OpenApiDocument document, string tokenDescription)
    {
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[BearerScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "JWT",
            Description = tokenDescription,
        };
        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        document.Components.Schemas[ProblemSchema] = Problem();
    }

    /// <summary>The requirement an operation carries when it needs a token.</summary>
    public static OpenApiSecurityRequirement BearerRequirement(OpenApiDocument document) =>
        new() { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] };

    /// <summary>An error response: problem+json whose <c>code</c> is one of <paramref name="codes"/>.</summary>
    public static OpenApiResponse ProblemResponse(OpenApiDocument document, string description, IEnumerable<string> codes)
    {
        var list = codes.Distinct(StringComparer.Ordinal).ToList();
        var schema = new OpenApiSchema
        {
            AllOf = [new OpenApiSchemaReference(ProblemSchema, document)],
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Enum = [.. list.Select(c => (JsonNode)JsonValue.Create(c))] },
            },
        };
        return new OpenApiResponse
        {
            Description = $"{description} Codes: {string.Join(", ", list.Select(c => $"`{c}`"))}.",
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemContentType] = new() { Schema = schema } },
        };
    }

    /// <summary>A string schema that takes only <paramref name="values"/>.</summary>
    public static OpenApiSchema StringEnum(IEnumerable<string> values, string? description = null) =>
        new() { Type = JsonSchemaType.String, Enum = [.. values.Select(v => (JsonNode)JsonValue.Create(v))], Description = description };

    /// <summary>RFC 7807 problem details as both services write them.</summary>
    private static OpenApiSchema Problem() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 7807 problem details (错误说明). Switch on `code`: it is stable; titles and details are for people and may change. " +
            "They are in Chinese, or in English when `Accept-Language` ranks English above Chinese; `Content-Language` says which.",
        Required = new HashSet<string> { "title", "status", "code" },
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A URI naming the problem type." },
            ["title"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "A short summary for people." },
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status." },
            ["code"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The stable reason code (原因代码); each response lists the codes it can carry." },
            ["detail"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "What went wrong in this request." },
            ["instance"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request path." },
            ["requestId"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The request's X-Request-Id, to find the call in the ledger." },
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "For validation_failed: each bad field or parameter with what is wrong with it.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
        },
    };
}
