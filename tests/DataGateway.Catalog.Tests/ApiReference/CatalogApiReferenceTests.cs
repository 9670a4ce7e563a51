using System.Text.Json;
using DataGateway.Testing;
using Microsoft.OpenApi;

namespace DataGateway.Catalog.Tests.ApiReference;

/// <summary>
/// The catalog's OpenAPI document over HTTP, read with OpenAPI.NET: the bearer scheme on every /v1 operation, each
/// endpoint with the error answers it can give (problem+json with their codes), the ledger's hand-read parameters,
/// the enumerations' values; and the Scalar reference page served from the catalog itself.
/// </summary>
public sealed class CatalogApiReferenceTests(CatalogProcess catalog) : IClassFixture<CatalogProcess>
{
    private static readonly string[] TokenCodes =
    [
        "token_missing", "token_malformed", "token_algorithm_not_allowed", "token_expired", "token_not_yet_valid",
        "token_issuer_invalid", "token_audience_invalid", "token_key_unknown", "token_signature_invalid", "token_crit_unsupported",
        "token_claims_invalid",
        "token_type_invalid",
    ];

    [Fact]
    public async Task OpenApiDocument_WithoutToken_ParsesAsOpenApi31WithTheBearerScheme()
    {
        using var anonymous = catalog.Client(null);
        var (document, _) = await ApiReferenceAssertions.ReadOpenApiAsync(anonymous);

        var scheme = Assert.IsType<OpenApiSecurityScheme>(document.Components?.SecuritySchemes?["bearer"]);
        Assert.Equal(SecuritySchemeType.Http, scheme.Type);
        Assert.Equal("bearer", scheme.Scheme);
        Assert.Equal("JWT", scheme.BearerFormat);
        Assert.NotNull(document.Components?.Schemas?["Problem"]?.Properties?["code"]);
        Assert.NotNull(document.Components?.Schemas?["Problem"]?.Properties?["requestId"]);
    }

    /// <summary>Each endpoint of the catalog, with every error status it can answer.</summary>
    [Theory]
    [InlineData("GET", "/v1/organizations", "400 401 403")]
    [InlineData("POST", "/v1/organizations", "400 401 403 409 415")]
    [InlineData("GET", "/v1/organizations/{id}", "400 401 403 404")]
    [InlineData("PUT", "/v1/organizations/{id}", "400 401 403 404 409 412 415")]
    [InlineData("DELETE", "/v1/organizations/{id}", "400 401 403 404 409 412")]
    [InlineData("GET", "/v1/organizations/{id}/history", "400 401 403 404")]
    [InlineData("GET", "/v1/organizations/{id}/landing-zone", "400 401 403 404")]
    [InlineData("PUT", "/v1/organizations/{id}/landing-zone", "400 401 403 404 409 412 415")]
    [InlineData("DELETE", "/v1/organizations/{id}/landing-zone", "400 401 403 404 412")]
    [InlineData("GET", "/v1/organizations/{id}/landing-zone/history", "400 401 403 404")]
    [InlineData("GET", "/v1/landing-zones", "400 401 403")]
    [InlineData("GET", "/v1/services", "400 401 403")]
    [InlineData("POST", "/v1/services", "400 401 403 409 415")]
    [InlineData("GET", "/v1/services/{id}", "400 401 403 404")]
    [InlineData("PUT", "/v1/services/{id}", "400 401 403 404 412 415")]
    [InlineData("DELETE", "/v1/services/{id}", "400 401 403 404 409 412")]
    [InlineData("GET", "/v1/services/{id}/history", "400 401 403 404")]
    [InlineData("GET", "/v1/datasets", "400 401 403")]
    [InlineData("POST", "/v1/datasets", "400 401 403 409 415")]
    [InlineData("GET", "/v1/datasets/{code}", "400 401 403 404")]
    [InlineData("PUT", "/v1/datasets/{code}", "400 401 403 404 412 415")]
    [InlineData("DELETE", "/v1/datasets/{code}", "400 401 403 404 409 412")]
    [InlineData("GET", "/v1/datasets/{code}/history", "400 401 403 404")]
    [InlineData("GET", "/v1/datasets/{code}/prices", "400 401 403 404")]
    [InlineData("POST", "/v1/datasets/{code}/prices", "400 401 403 404 415")]
    [InlineData("GET", "/v1/applications", "400 401 403")]
    [InlineData("POST", "/v1/applications", "400 401 403 415")]
    [InlineData("GET", "/v1/applications/{id}", "400 401 403 404")]
    [InlineData("POST", "/v1/applications/{id}/approve", "400 401 403 404 409 412 415")]
    [InlineData("POST", "/v1/applications/{id}/reject", "400 401 403 404 409 412 415")]
    [InlineData("POST", "/v1/applications/{id}/withdraw", "400 401 403 404 409 412")]
    [InlineData("GET", "/v1/applications/{id}/history", "400 401 403 404")]
    [InlineData("GET", "/v1/grants", "400 401 403")]
    [InlineData("GET", "/v1/grants/{id}", "400 401 403 404")]
    [InlineData("POST", "/v1/grants/{id}/suspend", "400 401 403 404 409 412 415")]
    [InlineData("POST", "/v1/grants/{id}/resume", "400 401 403 404 409 412 415")]
    [InlineData("POST", "/v1/grants/{id}/revoke", "400 401 403 404 409 412 415")]
    [InlineData("GET", "/v1/grants/{id}/history", "400 401 403 404")]
    [InlineData("POST", "/v1/import/datasets", "400 401 403")]
    [InlineData("GET", "/v1/export/datasets", "400 401 403")]
    [InlineData("GET", "/v1/ledger", "400 401 403 503")]
    [InlineData("GET", "/v1/ledger/access-report", "400 401 403 410 503")]
    [InlineData("POST", "/v1/ledger/verify", "400 401 403")]
    [InlineData("GET", "/v1/ledger/verifications", "400 401 403")]
    [InlineData("GET", "/v1/bills/{operatorId}/{month}", "400 401 403 404 410 503")]
    [InlineData("GET", "/v1/bills/{month}", "400 401 403 410 503")]
    [InlineData("GET", "/v1/disputes", "400 401 403")]
    [InlineData("POST", "/v1/disputes", "400 401 403 409 415 422")]
    [InlineData("GET", "/v1/disputes/{id}", "400 401 403 404")]
    [InlineData("POST", "/v1/disputes/{id}/answer", "400 401 403 404 409 412 415")]
    [InlineData("GET", "/v1/notifications", "400 401 403")]
    [InlineData("GET", "/v1/organizations/{id}/webhook", "400 401 403 404")]
    [InlineData("PUT", "/v1/organizations/{id}/webhook", "400 401 403 404 415")]
    [InlineData("DELETE", "/v1/organizations/{id}/webhook", "400 401 403 404")]
    public async Task OpenApiDocument_EachEndpoint_NeedsATokenAndListsItsErrorAnswersWithTheirCodes(string method, string path, string statuses)
    {
        using var anonymous = catalog.Client(null);
        var (document, _) = await ApiReferenceAssertions.ReadOpenApiAsync(anonymous);

        var operation = Operation(document, method, path);
        Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{method} {path} has no summary");
        var requirement = Assert.Single(operation.Security ?? []);
        Assert.Equal("bearer", Assert.Single(requirement.Keys).Reference.Id);
        var errors = operation.Responses!.Keys.Where(k => k[0] is '4' or '5').Order().ToArray();
        Assert.Equal(statuses.Split(' '), errors);
        foreach (var status in errors)
        {
            Assert.NotEmpty(Codes(operation, status));
        }

        Assert.Equal(TokenCodes, Codes(operation, "401"));
    }

    [Theory]
    [InlineData("POST", "/v1/organizations", "403", "admin_required")]
    [InlineData("POST", "/v1/organizations", "409", "already_exists")]
    [InlineData("DELETE", "/v1/organizations/{id}", "409", "in_use")]
    [InlineData("DELETE", "/v1/organizations/{id}", "409", "organization_has_landing_zone")]
    [InlineData("PUT", "/v1/organizations/{id}", "409", "organization_has_landing_zone")]
    [InlineData("PUT", "/v1/organizations/{id}/landing-zone", "400", "landing_url_https_required")]
    [InlineData("PUT", "/v1/organizations/{id}/landing-zone", "400", "landing_secret_ref_invalid")]
    [InlineData("PUT", "/v1/organizations/{id}/landing-zone", "403", "landing_zone_not_own")]
    [InlineData("PUT", "/v1/organizations/{id}/landing-zone", "409", "landing_zone_district_taken")]
    [InlineData("PUT", "/v1/organizations/{id}/landing-zone", "412", "precondition_failed")]
    [InlineData("GET", "/v1/landing-zones", "403", "landing_zone_not_allowed")]
    [InlineData("PUT", "/v1/datasets/{code}", "412", "precondition_failed")]
    [InlineData("DELETE", "/v1/datasets/{code}", "409", "dataset_has_grants")]
    [InlineData("POST", "/v1/datasets", "400", "validation_failed")]
    [InlineData("POST", "/v1/datasets/{code}/prices", "400", "price_effective_too_early")]
    [InlineData("POST", "/v1/applications", "403", "domain_not_licensed")]
    [InlineData("POST", "/v1/applications/{id}/withdraw", "403", "not_requester")]
    [InlineData("POST", "/v1/grants/{id}/revoke", "409", "illegal_transition")]
    [InlineData("POST", "/v1/import/datasets", "400", "import_invalid")]
    [InlineData("GET", "/v1/ledger", "403", "ledger_not_own")]
    [InlineData("GET", "/v1/bills/{operatorId}/{month}", "403", "bill_not_own")]
    [InlineData("GET", "/v1/usage", "403", "usage_not_own")]
    [InlineData("GET", "/v1/usage", "410", "ledger_month_archived")]
    [InlineData("GET", "/v1/ledger", "503", "read_replica_unavailable")]
    [InlineData("GET", "/v1/ledger/access-report", "503", "read_replica_unavailable")]
    [InlineData("GET", "/v1/ledger/access-report", "410", "ledger_month_archived")]
    [InlineData("GET", "/v1/bills/{operatorId}/{month}", "410", "ledger_month_archived")]
    [InlineData("GET", "/v1/bills/{month}", "410", "ledger_month_archived")]
    [InlineData("GET", "/v1/bills/{operatorId}/{month}", "503", "read_replica_unavailable")]
    [InlineData("GET", "/v1/bills/{month}", "503", "read_replica_unavailable")]
    [InlineData("POST", "/v1/disputes", "422", "dispute_not_received")]
    [InlineData("POST", "/v1/disputes", "409", "dispute_not_disputable")]
    [InlineData("POST", "/v1/disputes", "409", "dispute_already_open")]
    [InlineData("POST", "/v1/disputes/{id}/answer", "403", "dispute_answer_not_allowed")]
    [InlineData("POST", "/v1/disputes/{id}/answer", "409", "illegal_transition")]
    [InlineData("POST", "/v1/disputes/{id}/answer", "412", "precondition_failed")]
    [InlineData("PUT", "/v1/organizations/{id}/webhook", "403", "webhook_not_own")]
    public async Task OpenApiDocument_HandlersOwnRefusals_AreListedWithTheirCode(string method, string path, string status, string code)
    {
        using var anonymous = catalog.Client(null);
        var (document, _) = await ApiReferenceAssertions.ReadOpenApiAsync(anonymous);

        var operation = Operation(document, method, path);
        Assert.Contains(code, Codes(operation, status));
        if (status == "412")
        {
            Assert.Contains(operation.Parameters!, p => p.Name == "If-Match" && p.In == ParameterLocation.Header);
        }
    }

    [Fact]
    public async Task OpenApiDocument_Ledger_DescribesTheQueryParametersItReadsByHandAndItsCsv()
    {
        using var anonymous = catalog.Client(null);
        var (document, _) = await ApiReferenceAssertions.ReadOpenApiAsync(anonymous);

        var ledger = Operation(document, "GET", "/v1/ledger");
        var parameters = (ledger.Parameters ?? []).Where(p => p.In == ParameterLocation.Query).ToDictionary(p => p.Name!);
        string[] expected = ["requestId", "caller", "dataset", "grant", "consent", "district", "from", "to", "limit", "after", "format"];
        Assert.Equal(expected.Order(), parameters.Keys.Order());
        Assert.All(parameters.Values, p => Assert.False(string.IsNullOrWhiteSpace(p.Description), p.Name));
        Assert.Equal("uuid", parameters["requestId"].Schema?.Format);
        Assert.Equal("date-time", parameters["from"].Schema?.Format);
        Assert.Equal(JsonSchemaType.Integer, parameters["limit"].Schema?.Type);
        Assert.Equal(["json", "csv"], Values(parameters["format"].Schema));
        var ok = ledger.Responses!["200"].Content!;
        Assert.Contains("application/json", ok.Keys);
        Assert.Contains("text/csv", ok.Keys);
        Assert.Equal("LedgerPage", Assert.IsType<OpenApiSchemaReference>(ok["application/json"].Schema).Reference.Id);
        Assert.Contains("text/csv", Operation(document, "GET", "/v1/export/datasets").Responses!["200"].Content!.Keys);
        Assert.Contains("text/csv", Operation(document, "GET", "/v1/bills/{operatorId}/{month}").Responses!["200"].Content!.Keys);
    }

    [Theory]
    [InlineData("OrganizationBody", "kind", "admin department district operator bundle_reader consent_issuer")]
    [InlineData("OrganizationView", "kind", "admin department district operator bundle_reader consent_issuer")]
    [InlineData("DatasetBody", "sharing", "unconditional conditional not_shared")]
    [InlineData("DatasetView", "sharing", "unconditional conditional not_shared")]
    [InlineData("FieldBody", "level", "L1 L2 L3 L4")]
    [InlineData("DatasetBody", "standardLevel", "L1 L2 L3 L4")]
    [InlineData("FieldBody", "type", "string number integer boolean date datetime object array")]
    [InlineData("GrantView", "state", "active suspended revoked expired")]
    [InlineData("ApplicationView", "state", "submitted approved rejected withdrawn")]
    [InlineData("LedgerRecordView", "callerKind", "admin department district operator bundle_reader consent_issuer")]
    [InlineData("LandingAuthBody", "kind", "none bearer header")]
    [InlineData("LandingAuthView", "kind", "none bearer header")]
    [InlineData("DisputeView", "state", "open confirmed_pending corrected rejected")]
    [InlineData("DisputeAnswerBody", "outcome", "corrected pending rejected")]
    [InlineData("NotificationView", "outcome", "corrected rejected")]
    public async Task OpenApiDocument_EnumeratedProperties_ListTheirValues(string schema, string property, string values)
    {
        using var anonymous = catalog.Client(null);
        var (document, _) = await ApiReferenceAssertions.ReadOpenApiAsync(anonymous);

        Assert.Equal(values.Split(' '), Values(document.Components!.Schemas![schema].Properties![property]));
    }

    /// <summary>Issue 14: the landing zone operations say who may call them, and the bodies and views have no member a secret could go in.</summary>
    [Theory]
    [InlineData("GET", "/v1/organizations/{id}/landing-zone")]
    [InlineData("PUT", "/v1/organizations/{id}/landing-zone")]
    [InlineData("GET", "/v1/landing-zones")]
    public async Task OpenApiDocument_LandingZones_SayWhoMayCallAndHoldSecretsByNameOnly(string method, string path)
    {
        using var anonymous = catalog.Client(null);
        var (document, _) = await ApiReferenceAssertions.ReadOpenApiAsync(anonymous);

        Assert.Contains("a district: its own only", Operation(document, method, path).Description);
        Assert.Equal(["kind", "header", "secretRef"], document.Components!.Schemas!["LandingAuthBody"].Properties!.Keys);
        Assert.Equal(["kind", "header", "secretRef"], document.Components.Schemas["LandingAuthView"].Properties!.Keys);
        Assert.Equal(["url", "auth", "batchSize"], document.Components.Schemas["LandingZoneBody"].Properties!.Keys);
    }

    /// <summary>Issue 18: a webhook's body and view hold its secret by name only.</summary>
    [Fact]
    public async Task OpenApiDocument_Webhook_HoldsItsSecretByNameOnly()
    {
        using var anonymous = catalog.Client(null);
        var (document, _) = await ApiReferenceAssertions.ReadOpenApiAsync(anonymous);

        Assert.Equal(["url", "secretRef"], document.Components!.Schemas!["WebhookBody"].Properties!.Keys);
        Assert.Equal(["organizationId", "url", "secretRef", "updatedBy", "updatedAt"], document.Components.Schemas["WebhookView"].Properties!.Keys);
        Assert.Contains("Admins, or the organization itself", Operation(document, "PUT", "/v1/organizations/{id}/webhook").Description);
    }

    [Theory]
    [InlineData("/v1/organizations", "kind", "admin department district operator bundle_reader consent_issuer")]
    [InlineData("/v1/datasets", "sharing", "unconditional conditional not_shared")]
    [InlineData("/v1/applications", "state", "submitted approved rejected withdrawn")]
    [InlineData("/v1/applications", "order", "newest oldest")]
    [InlineData("/v1/bills/{month}", "format", "json csv")]
    [InlineData("/v1/disputes", "state", "open confirmed_pending corrected rejected")]
    [InlineData("/v1/disputes", "order", "oldest newest")]
    public async Task OpenApiDocument_EnumeratedQueryParameters_ListTheirValues(string path, string name, string values)
    {
        using var anonymous = catalog.Client(null);
        var (document, _) = await ApiReferenceAssertions.ReadOpenApiAsync(anonymous);

        var parameter = Assert.Single(Operation(document, "GET", path).Parameters!, p => p.Name == name);
        Assert.Equal(values.Split(' '), Values(parameter.Schema));
    }

    [Theory]
    [InlineData("/v1/organizations")]
    [InlineData("/v1/services")]
    [InlineData("/v1/applications")]
    [InlineData("/v1/grants")]
    [InlineData("/v1/landing-zones")]
    [InlineData("/v1/disputes")]
    [InlineData("/v1/notifications")]
    public async Task OpenApiDocument_PagedLists_DescribePageAndSize(string path)
    {
        using var anonymous = catalog.Client(null);
        var (document, _) = await ApiReferenceAssertions.ReadOpenApiAsync(anonymous);

        var parameters = Operation(document, "GET", path).Parameters!.Where(p => p.In == ParameterLocation.Query).ToDictionary(p => p.Name!);
        Assert.All(new[] { "page", "size" }, name =>
        {
            Assert.Equal(JsonSchemaType.Integer, parameters[name].Schema?.Type);
            Assert.False(string.IsNullOrWhiteSpace(parameters[name].Description), name);
        });
    }

    /// <summary>
    /// Regression: every paged list answers <c>X-Total-Count</c> and <c>Link</c>, and the document declared neither.
    /// The paged lists are found from the running catalog — each GET /v1 operation documented with a <c>page</c>
    /// parameter, and each list whose answer carries <c>X-Total-Count</c> — not from a list here that could drift.
    /// </summary>
    [Fact]
    public async Task OpenApiDocument_EveryPagedList_DeclaresTotalCountAndLinkOnItsOk()
    {
        using var anonymous = catalog.Client(null);
        using var admin = catalog.Admin();
        var (document, _) = await ApiReferenceAssertions.ReadOpenApiAsync(anonymous);

        var paged = new SortedSet<string>(StringComparer.Ordinal);
        var declared = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (path, item) in document.Paths)
        {
            if (!path.StartsWith("/v1/", StringComparison.Ordinal) || item.Operations?.GetValueOrDefault(HttpMethod.Get) is not { } get)
            {
                continue;
            }

            if ((get.Parameters ?? []).Any(p => p.In == ParameterLocation.Query && p.Name == "page"))
            {
                paged.Add(path);
            }

            if (!path.Contains('{', StringComparison.Ordinal))
            {
                using var response = await admin.GetAsync(path);
                if (response.Headers.Contains("X-Total-Count"))
                {
                    Assert.True(response.Headers.Contains("Link"), $"{path} answers X-Total-Count without Link");
                    paged.Add(path);
                }
            }

            if (get.Responses?.GetValueOrDefault("200")?.Headers is { } headers && headers.ContainsKey("X-Total-Count"))
            {
                declared.Add(path);
            }
        }

        Assert.Superset(new SortedSet<string>(["/v1/organizations", "/v1/services", "/v1/datasets", "/v1/applications", "/v1/grants"], StringComparer.Ordinal), paged);
        Assert.Equal(paged, declared);
        foreach (var path in paged)
        {
            var headers = Operation(document, "GET", path).Responses!["200"].Headers!;
            Assert.Equal(JsonSchemaType.Integer, headers["X-Total-Count"].Schema?.Type);
            Assert.Equal(JsonSchemaType.String, headers["Link"].Schema?.Type);
            Assert.All(new[] { "first", "prev", "next", "last" }, rel => Assert.Contains($"`{rel}`", headers["Link"].Description, StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("/healthz", "200")]
    [InlineData("/readyz", "503")]
    [InlineData("/metrics", "200")]
    [InlineData("/.well-known/jwks.json", "404")]
    public async Task OpenApiDocument_OperationalPaths_AreDescribedWithoutAToken(string path, string status)
    {
        using var anonymous = catalog.Client(null);
        var (document, _) = await ApiReferenceAssertions.ReadOpenApiAsync(anonymous);

        var operation = Operation(document, "GET", path);
        Assert.Empty(operation.Security ?? []);
        Assert.Contains(status, operation.Responses!.Keys);
    }

    [Fact]
    public async Task ApiReferencePage_WithoutToken_LoadsAndServesEveryAssetItself()
    {
        using var anonymous = catalog.Client(null);
        await ApiReferenceAssertions.AssertReferencePageIsSelfContainedAsync(anonymous);
    }

    [Theory]
    [InlineData("POST", "/openapi/v1.json", 405, "method_not_allowed")]
    [InlineData("GET", "/openapi/v2.json", 404, "not_found")]
    [InlineData("GET", "/openapi/v1.yaml", 404, "not_found")]
    public async Task ApiReferencePaths_OtherMethodsOrUnknownDocuments_AnswerProblemJson(string method, string path, int status, string code)
    {
        using var anonymous = catalog.Client(null);
        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await response.AssertProblemAsync((System.Net.HttpStatusCode)status, code);
    }

    private static OpenApiOperation Operation(OpenApiDocument document, string method, string path)
    {
        Assert.True(document.Paths.TryGetValue(path, out var item), $"{path} is not in the document");
        Assert.True(item.Operations!.TryGetValue(HttpMethod.Parse(method), out var operation), $"{method} {path} is not in the document");
        return operation;
    }

    /// <summary>The codes an error response lists: the enum of <c>code</c> in its problem+json schema.</summary>
    private static string[] Codes(OpenApiOperation operation, string status)
    {
        Assert.True(operation.Responses!.TryGetValue(status, out var response), $"no {status} answer");
        var content = Assert.Single(response.Content!);
        Assert.Equal("application/problem+json", content.Key);
        var schema = content.Value.Schema!;
        Assert.Equal("Problem", Assert.IsType<OpenApiSchemaReference>(Assert.Single(schema.AllOf!)).Reference.Id);
        return Values(schema.Properties!["code"]);
    }

    private static string[] Values(IOpenApiSchema? schema) =>
        [.. (schema?.Enum ?? []).Select(v => v.GetValue<string>())];
}
