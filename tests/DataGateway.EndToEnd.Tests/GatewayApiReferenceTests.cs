using System.Text.Json;
using System.Text.RegularExpressions;
using DataGateway.Testing;
using Microsoft.OpenApi;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// The gateway's own OpenAPI document and reference page, from the live gateway without a token: the data plane that
/// YARP serves (which the OpenAPI generator cannot see) with its parameters, body and answers, and every refusal
/// code the gateway's source can give, so that the document cannot fall behind the code.
/// </summary>
public partial class GatewayApiReferenceTests(DemoCity city) : IClassFixture<DemoCity>
{
    /// <summary>The reason codes of allowed calls: in the ledger and the metrics, never in a refusal.</summary>
    private static readonly string[] AllowReasons = ["granted", "district_return", "owner"];

    /// <summary>Reasons of decisions the data API never makes: a return job's push to a district (the returns worker's).</summary>
    private static readonly string[] PushOnlyReasons = ["return_not_applicable"];

    /// <summary>What the fallback answers to requests that match no operation.</summary>
    private static readonly string[] FallbackCodes = ["not_found", "method_not_allowed"];

    [Fact]
    public async Task OpenApiDocument_WithoutToken_DescribesTheDataPlaneWithItsParametersAndSecurity()
    {
        using var anonymous = city.GatewayClient(null);
        var (document, _) = await ApiReferenceAssertions.ReadOpenApiAsync(anonymous);

        var scheme = Assert.IsType<OpenApiSecurityScheme>(document.Components?.SecuritySchemes?["bearer"]);
        Assert.Equal(SecuritySchemeType.Http, scheme.Type);
        Assert.Equal("JWT", scheme.BearerFormat);
        foreach (var path in new[] { "/api/{dataset}", "/api/{dataset}/{path}" })
        {
            var item = document.Paths[path];
            Assert.Contains(item.Parameters!, p => p.Name == "dataset" && p.In == ParameterLocation.Path);
            foreach (var method in new[] { HttpMethod.Get, HttpMethod.Head })
            {
                var operation = item.Operations![method];
                Assert.Equal("bearer", Assert.Single(Assert.Single(operation.Security!).Keys).Reference.Id);
                var parameters = operation.Parameters!.Where(p => p.In == ParameterLocation.Query).Select(p => p.Name!).ToArray();
                Assert.Equal(["fields", "district", "page", "size", "filters"], parameters);
                Assert.Equal(["200", "400", "401", "403", "404", "414", "429", "431", "500", "502", "503", "504"], operation.Responses!.Keys.Order());
            }
        }

        Assert.Contains(document.Paths["/api/{dataset}/{path}"].Parameters!, p => p.Name == "path" && p.In == ParameterLocation.Path);
        var verify = document.Paths["/api/{dataset}/verify"].Operations![HttpMethod.Post];
        Assert.Single(verify.Security!);
        var match = verify.RequestBody!.Content!["application/json"].Schema!.Properties!["match"];
        Assert.Equal(1, match.MinProperties);
        Assert.Equal(10, match.MaxProperties);
        var answer = verify.Responses!["200"].Content!["application/json"].Schema!;
        Assert.Equal(JsonSchemaType.Boolean, answer.Properties!["matched"].Type);
        Assert.Equal(JsonSchemaType.Integer, answer.Properties["count"].Type);
        Assert.Contains("Retry-After", verify.Responses["429"].Headers!.Keys);
        foreach (var path in new[] { "/healthz", "/readyz", "/metrics" })
        {
            Assert.Empty(document.Paths[path].Operations![HttpMethod.Get].Security ?? []);
        }

        Assert.Equal(["catalog_not_loaded", "ledger_unavailable"], Codes(document.Paths["/readyz"].Operations![HttpMethod.Get], "503"));
    }

    [Fact]
    public async Task OpenApiDocument_EveryCodeTheSourceDeclares_IsListedWithItsStatus()
    {
        using var anonymous = city.GatewayClient(null);
        var (document, json) = await ApiReferenceAssertions.ReadOpenApiAsync(anonymous);

        var listed = document.Paths.Values.SelectMany(p => p.Operations!.Values)
            .SelectMany(o => o.Responses!.Keys.Where(k => k[0] is '4' or '5').SelectMany(status => Codes(o, status)))
            .ToHashSet(StringComparer.Ordinal);
        var problemCodes = document.Components!.Schemas!["Problem"].Properties!["code"].Enum!.Select(v => v.GetValue<string>()).ToHashSet();
        var reasons = document.Components.Schemas["ReasonCode"].Enum!.Select(v => v.GetValue<string>()).ToArray();

        var reasonCodes = Constants("policy/DataGateway.Policy/Decisions/ReasonCodes.cs");
        Assert.Contains("grant_missing", reasonCodes);
        Assert.Equal(reasonCodes.Order(), reasons.Order());
        var gatewayCodes = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "gateway"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => Constants(Path.GetRelativePath(RepositoryPaths.Root, f)))
            .Where(v => CodeShape().IsMatch(v));
        var tokenCodes = Constants("common/DataGateway.Common/Problems/EdgeProblemCodes.cs").Where(c => c.StartsWith("token_", StringComparison.Ordinal))
            // The shared codes the gateway's own class refers to rather than declares.
            .Concat(["not_found", "method_not_allowed", "internal_error"]);
        Assert.Contains("upstream_timeout", gatewayCodes);

        foreach (var code in reasonCodes.Concat(gatewayCodes).Concat(tokenCodes).Distinct())
        {
            if (AllowReasons.Contains(code) || PushOnlyReasons.Contains(code))
            {
                Assert.DoesNotContain(code, listed);
            }
            else if (FallbackCodes.Contains(code))
            {
                Assert.Contains(code, problemCodes);
            }
            else
            {
                Assert.True(listed.Contains(code), $"'{code}' is declared in the source but no operation of the gateway's document lists it");
            }
        }

        Assert.All(listed, code => Assert.Contains(code, problemCodes));
        var description = json.GetProperty("info").GetProperty("description").GetString()!;
        Assert.All(problemCodes, code => Assert.Contains($"`{code}`", description));
    }

    [Fact]
    public async Task ApiReferencePage_WithoutToken_LoadsAndServesEveryAssetItself()
    {
        using var anonymous = city.GatewayClient(null);
        await ApiReferenceAssertions.AssertReferencePageIsSelfContainedAsync(anonymous);
    }

    [Theory]
    [InlineData("/openapi/v1.json")]
    [InlineData("/scalar/")]
    public async Task ApiReferencePaths_WithABadToken_AreServedNotRefused(string path)
    {
        // The reference needs no token, and a wrong one does not make it a data call.
        using var client = DemoCity.Client(city.Gateway, "not-a-token");
        using var response = await client.GetAsync(path);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("POST", "/openapi/v1.json", 405, "method_not_allowed")]
    [InlineData("DELETE", "/scalar/", 405, "method_not_allowed")]
    [InlineData("PUT", "/scalar/scalar.js", 405, "method_not_allowed")]
    [InlineData("GET", "/openapi/v2.json", 404, "not_found")]
    [InlineData("GET", "/openapi/v1.yaml", 404, "not_found")]
    [InlineData("GET", "/favicon.ico", 404, "not_found")]
    public async Task ApiReferencePaths_OtherMethodsOrUnknownFiles_AnswerProblemJson(string method, string path, int status, string code)
    {
        // The fallback's problem+json, never an empty or text/plain answer: 405 (with Allow: OwnPathMethodTests) for a
        // path the reference serves asked with another method, 404 for a file it does not have.
        using var anonymous = city.GatewayClient(null);
        using var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));
        await response.AssertProblemAsync((System.Net.HttpStatusCode)status, code);
    }

    private static string[] Codes(OpenApiOperation operation, string status)
    {
        var content = Assert.Single(operation.Responses![status].Content!);
        Assert.Equal("application/problem+json", content.Key);
        return [.. content.Value.Schema!.Properties!["code"].Enum!.Select(v => v.GetValue<string>())];
    }

    /// <summary>The values of the <c>const string</c> fields a source file declares.</summary>
    private static string[] Constants(string relativePath) =>
        [.. ConstString().Matches(File.ReadAllText(Path.Combine(RepositoryPaths.Root, relativePath))).Select(m => m.Groups["value"].Value)];

    [GeneratedRegex(@"const\s+string\s+\w+\s*=\s*""(?<value>[^""]*)""")]
    private static partial Regex ConstString();

    /// <summary>A refusal code: lower-case words joined by underscores (no constant of another kind has that shape).</summary>
    [GeneratedRegex(@"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")]
    private static partial Regex CodeShape();
}
