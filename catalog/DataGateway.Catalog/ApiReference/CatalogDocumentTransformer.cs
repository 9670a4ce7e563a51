using DataGateway.Common.ApiReference;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataGateway.Catalog.ApiReference;

/// <summary>The catalog document's title, the shared components, and the paths served outside /v1.</summary>
internal sealed class CatalogDocumentTransformer : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "DataGateway 目录（控制面） Catalog, the control plane",
            Version = "v1",
            Description =
                "公共数据目录、申请与授权、调用台账、账单。The catalog of public data: organizations, data services, datasets " +
                "and their fields, levels and prices; applications and grants; the call ledger; bills. Everything under /v1 needs " +
                "a bearer JWT; errors are RFC 7807 problem+json with a stable `code`. Writes on an existing resource take " +
                "`If-Match` with the ETag a read returned.",
        };
        ApiDocuments.AddCommonComponents(document,
            "A JWT (RS256 or ES256) from the platform's identity provider, with the claims `org` (the organization id), " +
            "`org_kind` (admin, department, district, operator, bundle_reader, consent_issuer) and, for districts, `district` (the six-digit code).");
        OperationalPaths.Add(document,
            "The catalog can serve: its database answers.",
            new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Properties = new Dictionary<string, IOpenApiSchema>
                {
                    ["status"] = ApiDocuments.StringEnum(["ready"]),
                    ["catalogVersion"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
                },
            },
            ["database_unavailable"]);
        document.Paths["/.well-known/jwks.json"] = OperationalPaths.Get(
            "演示身份提供方公钥 The demo issuer's public keys",
            "The JWKS of the demo identity provider, when this catalog runs it; 404 otherwise. No token needed.",
            new Dictionary<string, IOpenApiResponse>
            {
                ["200"] = OperationalPaths.Json("The public keys (RFC 7517).", new OpenApiSchema { Type = JsonSchemaType.Object }),
                ["404"] = ApiDocuments.ProblemResponse(document, "This catalog does not run the demo identity provider.", ["not_found"]),
            });
        // Every error answer now refers to the Problem schema (see CatalogOperationTransformer); the framework's own is unused.
        document.Components?.Schemas?.Remove("HttpValidationProblemDetails");
        return Task.CompletedTask;
    }
}
