using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using DataGateway.Policy.Decisions;
using DataGateway.Testing;
using Microsoft.AspNetCore.Http;

namespace DataGateway.Catalog.Tests.Explain;

/// <summary>
/// Issue 15, point 5: <c>POST /v1/explain</c> answers the decision on a described call with each engine's part and
/// what its reason code means in Chinese and English — for every reason code the built-in engine and OPA give.
/// </summary>
public sealed class ExplainApiTests(ExplainCatalog catalog) : IClassFixture<ExplainCatalog>
{
    private const string ExternalPolicyAllowed = "external_policy_allowed";

    private static readonly IReadOnlyDictionary<string, (string Zh, string En)> Table =
        MessageTableChecks.Load("common/DataGateway.Common/Text/messages.json", "catalog/DataGateway.Catalog/Problems/messages.json");

    private static (string Zh, string En) Explanation(string code) => Table["explain." + code];

    private async Task<JsonElement> ExplainAsync(object body)
    {
        using var admin = catalog.Admin();
        return await (await admin.PostAsJsonAsync("/v1/explain", body)).JsonAsync();
    }

    private static JsonElement Rule(JsonElement answer, string source) =>
        answer.GetProperty("rules").EnumerateArray().Single(r => r.GetProperty("source").GetString() == source);

    [Theory]
    [InlineData("op-bank", "housing", null, null, null, "granted")]
    [InlineData("dept-housing", "housing", null, null, null, "owner")]
    [InlineData("district-310104", "housing", null, null, null, "district_return")]
    [InlineData("op-bank", "nothing-here", null, null, null, "dataset_unknown")]
    [InlineData("op-bank", "secret-register", null, null, null, "dataset_not_shared")]
    [InlineData("nobody", "housing", null, null, null, "caller_unknown")]
    [InlineData("op-mobility", "housing", null, null, null, "domain_not_licensed")]
    [InlineData("op-other", "housing", null, null, null, "grant_missing")]
    [InlineData("op-paused", "housing", null, null, null, "grant_suspended")]
    [InlineData("op-gone", "housing", null, null, null, "grant_revoked")]
    [InlineData("op-bank", "housing", "query", "owner_id_number", null, "field_not_granted")]
    [InlineData("op-bank", "housing", "verify", "id", null, "verify_field_not_granted")]
    [InlineData("district-310104", "housing", null, null, "310101", "district_not_granted")]
    [InlineData("district-310104", "housing", "return", null, null, "district_return")]
    [InlineData("op-bank", "housing", "return", null, null, "return_not_applicable")]
    public async Task Explain_EachBuiltInReason_IsAnsweredAndExplainedInBothLanguages(
        string caller, string dataset, string? action, string? field, string? district, string reason)
    {
        catalog.Opa.Responder = OpaDataApiServer.Allow;

        var answer = await ExplainAsync(new { caller, dataset, action, fields = field is null ? null : new[] { field }, district });

        Assert.Equal(reason, answer.GetProperty("reason").GetString());
        var builtIn = Rule(answer, "builtin");
        Assert.Equal(reason, builtIn.GetProperty("reason").GetString());
        Assert.Equal(Explanation(reason), (builtIn.GetProperty("zh").GetString()!, builtIn.GetProperty("en").GetString()!));
        Assert.DoesNotContain("暂无说明", builtIn.GetProperty("zh").GetString(), StringComparison.Ordinal);
        var allowed = reason is "granted" or "owner" or "district_return";
        Assert.Equal(allowed, answer.GetProperty("allowed").GetBoolean());
        // OPA is asked only about what the built-in engine allowed.
        Assert.Equal(allowed ? 2 : 1, answer.GetProperty("rules").GetArrayLength());
    }

    [Fact]
    public async Task Explain_Granted_NamesTheGrantFieldsAndOpasPart()
    {
        catalog.Opa.Responder = OpaDataApiServer.Allow;

        var answer = await ExplainAsync(new { caller = "op-bank", dataset = "housing" });

        Assert.Equal(catalog.BankGrant, answer.GetProperty("grant").GetString());
        Assert.Equal(["id", "address"], answer.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(JsonValueKind.Null, answer.GetProperty("districts").ValueKind);
        Assert.Equal(ExternalPolicyAllowed, Rule(answer, "opa").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Explain_GrantPastItsValidity_IsGrantExpired()
    {
        var answer = await ExplainAsync(new { caller = "op-bank", dataset = "housing", at = DateTimeOffset.UtcNow.AddYears(30) });

        Assert.Equal("grant_expired", answer.GetProperty("reason").GetString());
        Assert.Contains("有效期", Rule(answer, "builtin").GetProperty("zh").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_OpaDenies_NamesItsReasonRulesAndBundleRevision()
    {
        catalog.Opa.AnswerAlways("""{"result":{"allow":false,"reason":"office_hours","rules":["office_hours"]},"provenance":{"bundles":{"datagateway":{"revision":"17"}}}}""");

        var answer = await ExplainAsync(new { caller = "op-bank", dataset = "housing", clientAddress = "10.20.1.5" });

        Assert.Equal(("external_policy_denied", false), (answer.GetProperty("reason").GetString(), answer.GetProperty("allowed").GetBoolean()));
        var opa = Rule(answer, "opa");
        Assert.Equal(("office_hours", "17"), (opa.GetProperty("policyReason").GetString(), opa.GetProperty("bundleRevision").GetString()));
        Assert.Equal(["office_hours"], opa.GetProperty("policyRules").EnumerateArray().Select(r => r.GetString()));
        Assert.Equal("10.20.1.5", catalog.Opa.Questions.Last().Input.GetProperty("context").GetProperty("clientAddress").GetString());
        Assert.True(Rule(answer, "builtin").GetProperty("allowed").GetBoolean());
    }

    [Fact]
    public async Task Explain_OpaNarrows_AnswersTheNarrowedFields()
    {
        catalog.Opa.AnswerAlways("""{"result":{"allow":true,"fields":["id"]}}""");

        var answer = await ExplainAsync(new { caller = "op-bank", dataset = "housing" });

        Assert.Equal(["id"], answer.GetProperty("fields").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.True(answer.GetProperty("allowed").GetBoolean());
    }

    [Theory]
    [InlineData("{}", "external_policy_undefined")]
    [InlineData("""{"result":{"allow":1}}""", "external_policy_malformed")]
    [InlineData("500", "external_policy_status")]
    [InlineData("hang", "external_policy_timeout")]
    public async Task Explain_OpaGivesNoUsableAnswer_IsItsFailureCode(string answer, string reason)
    {
        catalog.Opa.Responder = answer switch
        {
            "500" => (context, _) =>
            {
                context.Response.StatusCode = StatusCodes.Status500InternalServerError;
                return Task.CompletedTask;
            },
            "hang" => async (_, _) => await Task.Delay(Timeout.Infinite, catalog.Opa.Stopping.Token),
            _ => (context, _) => OpaDataApiServer.AnswerAsync(context, answer),
        };

        var explained = await ExplainAsync(new { caller = "op-bank", dataset = "housing" });

        Assert.Equal((reason, false), (explained.GetProperty("reason").GetString(), explained.GetProperty("allowed").GetBoolean()));
        Assert.Equal(Explanation(reason).En, Rule(explained, "opa").GetProperty("en").GetString());
        catalog.Opa.Responder = OpaDataApiServer.Allow;
    }

    [Fact]
    public async Task Explain_OpaUnreachable_IsExternalPolicyUnreachable()
    {
        await catalog.Opa.DisposeAsync();
        try
        {
            var explained = await ExplainAsync(new { caller = "op-bank", dataset = "housing" });

            Assert.Equal("external_policy_unreachable", explained.GetProperty("reason").GetString());
        }
        finally
        {
            catalog.Opa = await OpaDataApiServer.StartAsync(catalog.OpaPort);
        }
    }

    [Fact]
    public void Table_EveryReasonCode_IsExplainedInChineseAndEnglish()
    {
        var codes = typeof(ReasonCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).Append(ExternalPolicyAllowed);

        var missing = codes.Where(c => !Table.ContainsKey("explain." + c)).ToList();

        Assert.Empty(missing);
        Assert.All(Table.Where(e => e.Key.StartsWith("explain.", StringComparison.Ordinal)),
            e => Assert.True(e.Value.Zh.Length > 0 && e.Value.En.Length > 0, e.Key));
    }

    [Fact]
    public async Task Explain_AsAnOperator_Is403AdminRequired()
    {
        using var bank = catalog.Client(catalog.Tokens.Operator("op-bank"));

        var response = await bank.PostAsJsonAsync("/v1/explain", new { caller = "op-bank", dataset = "housing" });

        await response.AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "admin_required");
    }

    [Fact]
    public async Task Explain_BadBody_Is400NamingEveryMemberInBothLanguages()
    {
        using var admin = catalog.Admin();
        var body = new { caller = "", dataset = "housing", action = "delete", district = "31", fields = Array.Empty<string>(), clientAddress = "nowhere" };
        using var english = new HttpRequestMessage(HttpMethod.Post, "/v1/explain") { Content = JsonContent.Create(body) };
        english.Headers.AcceptLanguage.ParseAdd("en");

        var zh = await (await admin.PostAsJsonAsync("/v1/explain", body)).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        var en = await (await admin.SendAsync(english)).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        Assert.Equal(["action", "caller", "clientAddress", "district", "fields"], zh.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        Assert.Equal("must be query, verify or return (a return job's push).", en.GetProperty("errors").GetProperty("action")[0].GetString());
        Assert.Equal("须为 query（查询）、verify（核验）或 return（返还推送）。", zh.GetProperty("errors").GetProperty("action")[0].GetString());
    }

    [Fact]
    public async Task Explain_UnknownMember_IsRefusedByTheStrictInput()
    {
        using var admin = catalog.Admin();

        var response = await admin.PostAsync("/v1/explain", new StringContent("""{"caller":"op-bank","dataset":"housing","Caller":"admin"}""", System.Text.Encoding.UTF8, "application/json"));

        await response.AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "json_duplicate_member");
    }
}
