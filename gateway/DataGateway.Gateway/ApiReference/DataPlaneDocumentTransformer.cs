using System.Globalization;
using DataGateway.Common.ApiReference;
using DataGateway.Gateway.Enforcement;
using DataGateway.Policy.Decisions;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataGateway.Gateway.ApiReference;

/// <summary>
/// Writes the gateway's whole OpenAPI document. The data plane is YARP's route, which the OpenAPI generator does not
/// see, and the few minimal endpoints (verify, health) write their answers by hand; so every path is described here,
/// from the same constants the gateway answers with, and what the generator found is replaced.
/// </summary>
internal sealed class DataPlaneDocumentTransformer : IOpenApiDocumentTransformer
{
    private const string DataTag = "Data";

    private static readonly Dictionary<int, string> StatusMeanings = new()
    {
        [400] = "The request is not valid (请求无效).",
        [401] = "Not signed in (未登录): no bearer token, or one the platform does not trust.",
        [403] = "Denied by policy (策略拒绝); `detail` says why, `fields` names the fields concerned.",
        [404] = "Not found (不存在).",
        [408] = "The request body did not arrive in time (请求超时).",
        [413] = "The request body is too large (请求内容过大).",
        [414] = "The path with its query is too long (请求地址过长).",
        [429] = "Daily quota used up (当日配额已用完).",
        [431] = "The request headers are too large (请求头过大).",
        [500] = "The gateway itself failed on this call (网关内部错误); quote the request id.",
        [502] = "The department's data service failed (数源部门服务异常); nothing of its answer is passed on.",
        [503] = "Unavailable for a moment (暂不可用); ask again after `Retry-After` seconds.",
        [504] = "The department's data service did not answer in time (上游超时).",
    };

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "DataGateway 数据网关（数据面） Gateway, the data plane",
            Version = "v1",
            Description = Description(),
        };
        document.Paths = [];
        document.Components = new OpenApiComponents();
        ApiDocuments.AddCommonComponents(document,
            "A JWT (RS256 or ES256) from the platform's identity provider, with the claims `org` (the organization id), " +
            "`org_kind` (department, district, operator) and, for districts, `district` (the six-digit code). Never forwarded upstream.");
        var problem = (OpenApiSchema)document.Components.Schemas![ApiDocuments.ProblemSchema];
        problem.Properties!["code"] = ApiDocuments.StringEnum(
            GatewayRefusals.TokenCodes.Concat(GatewayRefusals.All.Select(r => r.Code)).Concat(GatewayRefusals.NotReady),
            "The stable reason code (原因代码); each response lists the codes it can carry.");
        problem.Properties["fields"] = new OpenApiSchema
        {
            Type = JsonSchemaType.Array,
            Items = new OpenApiSchema { Type = JsonSchemaType.String },
            Description = "For field_not_granted and verify_field_not_granted: the fields concerned.",
        };
        problem.Properties["upstreamStatus"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Description = "For upstream_error and upstream_not_found: the department's status." };
        document.Components.Schemas["ReasonCode"] = ApiDocuments.StringEnum(
            ApiDocuments.ConstantsOf(typeof(ReasonCodes)),
            "Why the policy allowed or denied a call, as the call ledger and the metrics record it. Allowing: " +
            string.Join(", ", GatewayRefusals.AllowReasons.Select(r => $"`{r}`")) + "; every other one is a refusal.");

        var body = RecordSchema.AddTo(document);
        var query = QueryOperation(document, body, head: false);
        var head = QueryOperation(document, body, head: true);
        foreach (var path in new[] { "/api/{dataset}", "/api/{dataset}/{path}" })
        {
            document.Paths[path] = new OpenApiPathItem
            {
                Parameters = PathParameters(path),
                Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = query, [HttpMethod.Head] = head },
            };
        }

        document.Paths["/api/{dataset}/verify"] = new OpenApiPathItem
        {
            Parameters = PathParameters("/api/{dataset}"),
            Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Post] = VerifyOperation(document) },
        };
        OperationalPaths.Add(document,
            "The gateway can serve calls and account for them: a catalog is loaded, and PostgreSQL answers or the local journal can be written.",
            ReadyAnswer(), GatewayRefusals.NotReady);
        return Task.CompletedTask;
    }

    private static string Description() =>
        "按授权返回数据：只返回授权字段（按目录规则脱敏），区级调用方只得到本区的行（属地返还），每次调用记入台账并计费。" +
        "Data under the catalog's grants: only the granted fields (masked as the catalog says), for districts only their own " +
        "rows, every call metered in the ledger. Every call needs a bearer JWT. Every refusal is RFC 7807 problem+json with a " +
        "stable `code`:\n\n| code | status | meaning |\n| --- | --- | --- |\n" +
        string.Join("\n", GatewayRefusals.TokenCodes.Select(c => $"| `{c}` | 401 | The token is refused. |")
            .Concat(GatewayRefusals.All.Select(r => $"| `{r.Code}` | {r.Status} | {r.Meaning} |"))
            .Concat(GatewayRefusals.NotReady.Select(c => $"| `{c}` | 503 | `/readyz`: the replica cannot serve calls now. |"))) +
        "\n\nAn allowed call's reason in the ledger is " + string.Join(", ", GatewayRefusals.AllowReasons.Select(r => $"`{r}`")) + ".";

    private static OpenApiOperation QueryOperation(OpenApiDocument document, OpenApiSchema body, bool head)
    {
        var operation = OperationalPaths.Operation(
            head ? "数据头信息 Headers of a data call" : "读取数据 Read a dataset's records",
            (head ? "As GET, without the body; counted and metered like GET. " : "") +
            "The department's answer, filtered: only the fields the caller's decision returns, masked as the catalog says; for a " +
            "district caller only rows of its own district (or of the districts its grant names); under a consent (持证主体授权) only " +
            "the consenting subject's rows. A record under dispute (异议核实) carries `_dispute` (see `Record`). `path` (which may contain " +
            "slashes) and the paging and filter parameters go to the department's service; `fields` and `district` are the " +
            "gateway's own and are not forwarded.",
            Responses(document, RefusalScope.Query, new OpenApiResponse
            {
                Description = "The records, filtered (the department's JSON shape, with only the granted fields; a record under dispute " +
                    "marked with `_dispute`). `X-Request-Id` names the call in the ledger.",
                Headers = new Dictionary<string, IOpenApiHeader> { ["X-Request-Id"] = RequestIdHeader(), [Enforcement.DecisionIds.Header] = DecisionIdHeader() },
                Content = head ? null : new Dictionary<string, OpenApiMediaType> { ["application/json"] = new() { Schema = body } },
            }),
            DataTag);
        operation.Security = [ApiDocuments.BearerRequirement(document)];
        operation.Parameters =
        [
            Query(GatewayParameters.Fields, "字段。Only these fields, comma separated (e.g. `id,address`); each must be granted. Default: every field the caller receives.",
                new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[^,]+(,[^,]+)*$" }),
            Query(GatewayParameters.District, "区划。Rows of this district (six digits, e.g. 310104); for a dataset deployed per district, the instance to ask. Default: the caller's own district.",
                new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]{6}$" }),
            Query("page", "页码。Forwarded to the department's service as given.", new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" }),
            Query("size", "每页条数。Forwarded to the department's service as given.", new OpenApiSchema { Type = JsonSchemaType.Integer, Minimum = "1" }),
            new OpenApiParameter
            {
                Name = "filters",
                In = ParameterLocation.Query,
                Style = ParameterStyle.Form,
                Explode = true,
                Description = "按授权字段过滤。Filters on granted fields: `?{field}={value}` for any field the caller receives, forwarded to the " +
                    "department's service. A filter on a field the caller may not receive is refused (403 field_not_granted), any other " +
                    "parameter too (400 parameter_not_allowed); a parameter given twice is refused (400 parameter_invalid).",
                Schema = new OpenApiSchema { Type = JsonSchemaType.Object, AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ConsentHeader(),
        ];
        return operation;
    }

    private static OpenApiOperation VerifyOperation(OpenApiDocument document)
    {
        var operation = OperationalPaths.Operation(
            "核验 Verify without seeing (可用不可见)",
            "Whether records with the given values exist, and how many, among the rows the caller may see; no field value leaves the " +
            "gateway. Each field must be among the grant's verify fields. Billed per call at the dataset's verify price.",
            Responses(document, RefusalScope.Verify, new OpenApiResponse
            {
                Description = "The answer.",
                Headers = new Dictionary<string, IOpenApiHeader> { ["X-Request-Id"] = RequestIdHeader(), [Enforcement.DecisionIds.Header] = DecisionIdHeader() },
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "matched", "count" },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["matched"] = new OpenApiSchema { Type = JsonSchemaType.Boolean, Description = "At least one record matches." },
                                ["count"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64", Description = "How many records match." },
                            },
                        },
                    },
                },
            }),
            DataTag);
        operation.Security = [ApiDocuments.BearerRequirement(document)];
        operation.Parameters =
        [
            Query(GatewayParameters.District, "区划。The district whose rows to look among (six digits); default: the caller's own.",
                new OpenApiSchema { Type = JsonSchemaType.String, Pattern = "^[0-9]{6}$" }),
            ConsentHeader(),
        ];
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The values to look for, by field (at most 64 KiB).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "match" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["match"] = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                MinProperties = 1,
                                MaxProperties = 10,
                                Description = "field → value; values are strings or numbers, compared as written.",
                                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.String | JsonSchemaType.Number },
                            },
                        },
                    },
                    Example = System.Text.Json.Nodes.JsonNode.Parse("""{"match": {"credit_code": "91310000MA1K000001"}}"""),
                },
            },
        };
        return operation;
    }

    /// <summary>The success answer and, per status, the refusals the operation can give.</summary>
    private static Dictionary<string, IOpenApiResponse> Responses(OpenApiDocument document, RefusalScope scope, OpenApiResponse ok)
    {
        var responses = new Dictionary<string, IOpenApiResponse>
        {
            ["200"] = ok,
            ["401"] = ApiDocuments.ProblemResponse(document, StatusMeanings[401], GatewayRefusals.TokenCodes),
        };
        foreach (var group in GatewayRefusals.For(scope).GroupBy(r => r.Status).OrderBy(g => g.Key))
        {
            var response = ApiDocuments.ProblemResponse(document, StatusMeanings[group.Key], group.Select(r => r.Code));
            if (group.Key is 429 or 503)
            {
                response.Headers = new Dictionary<string, IOpenApiHeader>
                {
                    ["Retry-After"] = new OpenApiHeader { Description = "Seconds to wait before asking again.", Schema = new OpenApiSchema { Type = JsonSchemaType.Integer } },
                };
            }

            responses[group.Key.ToString(CultureInfo.InvariantCulture)] = response;
        }

        return responses;
    }

    private static List<IOpenApiParameter> PathParameters(string path)
    {
        var parameters = new List<IOpenApiParameter>
        {
            new OpenApiParameter
            {
                Name = "dataset",
                In = ParameterLocation.Path,
                Required = true,
                Description = "数据集编码。The dataset's code in the catalog, e.g. housing.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            },
        };
        if (path.EndsWith("{path}", StringComparison.Ordinal))
        {
            parameters.Add(new OpenApiParameter
            {
                Name = "path",
                In = ParameterLocation.Path,
                Required = true,
                Description = "The rest of the path, which may contain slashes; appended to the dataset's path at the department's service.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        return parameters;
    }

    /// <summary>The data subject's consent an operator's call to a consent-required dataset carries; never forwarded.</summary>
    private static OpenApiParameter ConsentHeader() => new()
    {
        Name = Common.Consent.ConsentToken.Header,
        In = ParameterLocation.Header,
        Description = "持证主体授权凭证。The data subject's consent (a JWT of the configured consent issuer, `typ` `dg-consent+jwt`): required of " +
            "operators on datasets that name a consent subject field; the call then returns that subject's rows only, and only the " +
            "consented fields. Never forwarded to the department's service.",
        Schema = new OpenApiSchema { Type = JsonSchemaType.String, MaxLength = Consent.ConsentCheck.MaxCredentialLength },
    };

    private static OpenApiParameter Query(string name, string description, OpenApiSchema schema) =>
        new() { Name = name, In = ParameterLocation.Query, Description = description, Schema = schema };

    private static OpenApiHeader RequestIdHeader() =>
        new() { Description = "The call's id, as the ledger records it.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

    private static OpenApiHeader DecisionIdHeader() =>
        new() { Description = "The id of the policy decision the call acted on, as the ledger records it (`decisionId`); also on refusals after the decision.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };

    private static OpenApiSchema ReadyAnswer() => new()
    {
        Type = JsonSchemaType.Object,
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["status"] = ApiDocuments.StringEnum(["ready"]),
            ["catalogVersion"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
            ["loadedAt"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time" },
            ["database"] = ApiDocuments.StringEnum(["reachable", "unreachable"]),
            ["journal"] = ApiDocuments.StringEnum(["writable", "not_writable", "off"]),
        },
    };
}
