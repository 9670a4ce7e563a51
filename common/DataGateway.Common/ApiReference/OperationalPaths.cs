using Microsoft.OpenApi;

namespace DataGateway.Common.ApiReference;

/// <summary>
/// <c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>, which both services serve without a token (for the
/// orchestrator and for Prometheus inside the cluster). Written here rather than generated: the metrics endpoint is a
/// plain route the generator does not describe, and the probes' answers are anonymous objects.
/// </summary>
public static class OperationalPaths
{
    public const string Tag = "Operations";

    public static void Add(OpenApiDocument document, string readyDescription, OpenApiSchema readyAnswer, IEnumerable<string> notReadyCodes)
    {
        document.Paths ??= [];
        document.Paths["/healthz"] = Get(
            "存活探针 Liveness",
            "The process is alive. Answers 200 as long as the process runs; no token needed.",
            new Dictionary<string, IOpenApiResponse>
            {
                ["200"] = Json("Alive.", new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Properties = new Dictionary<string, IOpenApiSchema> { ["status"] = ApiDocuments.StringEnum(["alive"]) },
                }),
            });
        document.Paths["/readyz"] = Get(
            "就绪探针 Readiness",
            readyDescription + " No token needed.",
            new Dictionary<string, IOpenApiResponse>
            {
                ["200"] = Json("Ready.", readyAnswer),
                ["503"] = ApiDocuments.ProblemResponse(document, "Not ready (未就绪): take the replica out of rotation.", notReadyCodes),
            });
        document.Paths["/metrics"] = Get(
            "指标 Prometheus metrics",
            "Prometheus text exposition format 0.0.4. No token needed: scrape it from inside the cluster.",
            new Dictionary<string, IOpenApiResponse>
            {
                ["200"] = new OpenApiResponse
                {
                    Description = "The metrics.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["text/plain; version=0.0.4; charset=utf-8"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String } },
                    },
                },
            });
    }

    public static OpenApiPathItem Get(string summary, string description, IDictionary<string, IOpenApiResponse> responses) => new()
    {
        Operations = new Dictionary<HttpMethod, OpenApiOperation>
        {
            [HttpMethod.Get] = Operation(summary, description, responses),
        },
    };

    public static OpenApiOperation Operation(string summary, string description, IDictionary<string, IOpenApiResponse> responses, string tag = Tag)
    {
        var operation = new OpenApiOperation
        {
            Summary = summary,
            Description = description,
            Tags = new HashSet<OpenApiTagReference> { new(tag) },
            Responses = [],
        };
        foreach (var (status, response) in responses)
        {
            operation.Responses[status] = response;
        }

        return operation;
    }

    public static OpenApiResponse Json(string description, IOpenApiSchema schema) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = schema } },
    };
}
