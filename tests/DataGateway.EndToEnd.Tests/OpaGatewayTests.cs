using System.Net;
using DataGateway.Testing;
using Microsoft.AspNetCore.Http;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// Issue 15, point 2: the gateway asks OPA after its built-in engine allowed, and both must allow. Over real HTTP:
/// the gateway as a process, OPA as <see cref="OpaDataApiServer"/> (not OPA itself: no OPA binary can be installed
/// here), the department as a <see cref="RecordingUpstream"/> that shows whether anything was forwarded.
/// </summary>
public sealed class OpaGatewayTests(OpaCity city) : IClassFixture<OpaCity>
{
    private HttpClient Bank() => city.GatewayClient("op-bank");

    [Fact]
    public async Task Query_OpaAllows_ForwardsAndReturnsTheGrantedFieldsAndPages()
    {
        city.Reset();
        using var bank = Bank();

        var response = await bank.GetAsync("/api/opa-probe?name=甲&size=2&page=1");

        var rows = await response.JsonAsync();
        Assert.Equal(2, rows.GetArrayLength());
        Assert.All(rows.EnumerateArray(), r => Assert.Equal(["id", "name", "district_code"], r.Keys()));
        var forwarded = Assert.Single(city.Upstream.Requests);
        Assert.Contains("name=", forwarded.Query, StringComparison.Ordinal);
        Assert.Contains("size=2", forwarded.Query, StringComparison.Ordinal);
        var input = Assert.Single(city.Opa.Questions).Input;
        Assert.Equal("op-bank", input.GetProperty("subject").GetProperty("organization").GetString());
        Assert.Equal("opa-probe", input.GetProperty("resource").GetProperty("dataset").GetString());
        Assert.Equal("127.0.0.1", input.GetProperty("context").GetProperty("clientAddress").GetString());
        Assert.Equal("granted", input.GetProperty("context").GetProperty("builtIn").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Query_OpaDenies_Refuses403AndForwardsNothingAndRecordsTheReason()
    {
        city.Reset();
        city.Opa.AnswerAlways("""{"result":{"allow":false,"reason":"office_hours"}}""");
        using var bank = Bank();

        var response = await bank.GetAsync("/api/opa-probe");

        var problem = await response.AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "external_policy_denied");
        Assert.Contains("OPA", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(city.Upstream.Requests);
        var record = await LedgerLookup.OfAsync(city, response);
        Assert.Equal((false, "external_policy_denied", 403), (record.Allowed, record.Reason, record.Status));
    }

    [Fact]
    public async Task Query_BuiltInDenies_OpaIsNotAsked()
    {
        city.Reset();
        using var bank = Bank();

        var response = await bank.GetAsync("/api/opa-probe?fields=secret");

        await response.AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "field_not_granted");
        Assert.Empty(city.Opa.Questions);
        Assert.Empty(city.Upstream.Requests);
    }

    [Fact]
    public async Task Query_OpaNarrowsFields_ReturnsOnlyThoseAndNeverOneItAdds()
    {
        city.Reset();
        city.Opa.AnswerAlways("""{"result":{"allow":true,"fields":["id","secret"]}}""");
        using var bank = Bank();

        var rows = await (await bank.GetAsync("/api/opa-probe")).JsonAsync();

        Assert.All(rows.EnumerateArray(), r => Assert.Equal(["id"], r.Keys()));
    }

    [Fact]
    public async Task Query_OpaNarrowsDistricts_ReturnsOnlyThoseDistrictsRows()
    {
        city.Reset();
        city.Opa.AnswerAlways("""{"result":{"allow":true,"districts":["310104"]}}""");
        using var bank = Bank();

        var rows = await (await bank.GetAsync("/api/opa-probe")).JsonAsync();

        var row = Assert.Single(rows.EnumerateArray());
        Assert.Equal("310104", row.GetProperty("district_code").GetString());
    }

    [Fact]
    public async Task Query_OpaLeavesOutARequestedField_RefusesNamingIt()
    {
        city.Reset();
        city.Opa.AnswerAlways("""{"result":{"allow":true,"fields":["id"]}}""");
        using var bank = Bank();

        var response = await bank.GetAsync("/api/opa-probe?fields=id,name");

        var problem = await response.AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "external_policy_denied");
        Assert.Equal(["name"], problem.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        Assert.Empty(city.Upstream.Requests);
    }

    [Theory]
    [InlineData("{}", "external_policy_undefined")]
    [InlineData("""{"result":{"allow":"yes"}}""", "external_policy_malformed")]
    [InlineData("""{"result":{"allow":true,"allow":false}}""", "external_policy_malformed")]
    [InlineData("<html>", "external_policy_malformed")]
    public async Task Query_OpaAnswersNothingUsable_Refuses503AndForwardsNothing(string answer, string code)
    {
        city.Reset();
        city.Opa.AnswerAlways(answer);
        using var bank = Bank();

        var response = await bank.GetAsync("/api/opa-probe");

        await response.AssertEdgeProblemAsync(HttpStatusCode.ServiceUnavailable, code);
        Assert.Equal("1", response.Headers.GetValues("Retry-After").Single());
        Assert.Empty(city.Upstream.Requests);
        var record = await LedgerLookup.OfAsync(city, response);
        Assert.Equal((false, code, 503), (record.Allowed, record.Reason, record.Status));
    }

    [Fact]
    public async Task Query_Opa500_Refuses503InBothLanguages()
    {
        city.Reset();
        city.Opa.Responder = (context, _) =>
        {
            context.Response.StatusCode = 500;
            return Task.CompletedTask;
        };
        using var bank = Bank();
        using var english = new HttpRequestMessage(HttpMethod.Get, "/api/opa-probe");
        english.Headers.AcceptLanguage.ParseAdd("en");

        var zh = await (await bank.GetAsync("/api/opa-probe")).AssertEdgeProblemAsync(HttpStatusCode.ServiceUnavailable, "external_policy_status");
        var en = await (await bank.SendAsync(english)).AssertEdgeProblemAsync(HttpStatusCode.ServiceUnavailable, "external_policy_status");

        Assert.Contains("外部策略服务", zh.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("external policy server", en.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Empty(city.Upstream.Requests);
    }

    [Fact]
    public async Task Verify_OpaDenies_RefusesAndAsksTheUpstreamNothing()
    {
        city.Reset();
        city.Opa.AnswerAlways("""{"result":false}""");
        using var bank = Bank();

        var response = await bank.PostAsync("/api/opa-probe/verify", new StringContent("""{"match":{"name":"甲"}}""", System.Text.Encoding.UTF8, "application/json"));

        await response.AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "external_policy_denied");
        var input = Assert.Single(city.Opa.Questions).Input;
        Assert.Equal("verify", input.GetProperty("action").GetString());
        Assert.Equal(["name"], input.GetProperty("context").GetProperty("requestedFields").EnumerateArray().Select(f => f.GetString()));
        Assert.Empty(city.Upstream.Requests);
    }

    [Fact]
    public async Task Verify_OpaAllows_Answers()
    {
        city.Reset();
        using var bank = Bank();

        var response = await bank.PostAsync("/api/opa-probe/verify", new StringContent("""{"match":{"name":"甲"}}""", System.Text.Encoding.UTF8, "application/json"));

        var answer = await response.JsonAsync();
        Assert.True(answer.GetProperty("matched").GetBoolean());
        Assert.Single(city.Opa.Questions);
        Assert.Single(city.Upstream.Requests);
    }

    [Fact]
    public async Task Verify_OnAFieldNotGranted_OpaIsNotAsked()
    {
        city.Reset();
        using var bank = Bank();

        var response = await bank.PostAsync("/api/opa-probe/verify", new StringContent("""{"match":{"id":"1"}}""", System.Text.Encoding.UTF8, "application/json"));

        await response.AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "verify_field_not_granted");
        Assert.Empty(city.Opa.Questions);
        Assert.Empty(city.Upstream.Requests);
    }

    [Fact]
    public async Task Query_OpaHangs_RefusesWithTimeoutAndForwardsNothing()
    {
        city.Reset();
        city.Opa.Hang();
        var (replica, url) = await city.StartReplicaAsync("opa-slow", new Dictionary<string, string>
        {
            ["DataGateway__Policy__Opa__Timeout"] = "00:00:01",
        });
        try
        {
            using var bank = DemoCity.Client(url, city.Token("op-bank"));

            var response = await bank.GetAsync("/api/opa-probe");

            await response.AssertEdgeProblemAsync(HttpStatusCode.ServiceUnavailable, "external_policy_timeout");
            Assert.Empty(city.Upstream.Requests);
        }
        finally
        {
            city.Reset();
            replica.Kill();
        }
    }

    [Fact]
    public async Task Query_OpaUnreachable_RefusesEveryCallAndTheUpstreamSeesNothing()
    {
        city.Reset();
        // A claimed free port nobody listens on: every connection is refused.
        var (replica, url) = await city.StartReplicaAsync("opa-down", new Dictionary<string, string>
        {
            ["DataGateway__Policy__Opa__Url"] = $"http://127.0.0.1:{FreePorts.Next()}",
        });
        try
        {
            using var bank = DemoCity.Client(url, city.Token("op-bank"));
            for (var i = 0; i < 5; i++)
            {
                var response = await bank.GetAsync($"/api/opa-probe?size={i + 1}");
                await response.AssertEdgeProblemAsync(HttpStatusCode.ServiceUnavailable, "external_policy_unreachable");
            }

            Assert.Empty(city.Upstream.Requests);
        }
        finally
        {
            replica.Kill();
        }
    }

    [Fact]
    public async Task Query_RepeatedWithinTheCacheTtl_AsksOpaOnceAndAgainAfterItExpires()
    {
        city.Reset();
        var ttl = TimeSpan.FromSeconds(3);
        var (replica, url) = await city.StartReplicaAsync("opa-cache", new Dictionary<string, string>
        {
            ["DataGateway__Policy__Opa__CacheTtl"] = ttl.ToString(),
        });
        try
        {
            using var bank = DemoCity.Client(url, city.Token("op-bank"));
            const string path = "/api/opa-probe?fields=id,name";
            await (await bank.GetAsync(path)).JsonAsync();

            // The answer was cached before the first response was written, so this clock starts no earlier than its TTL:
            // waiting past the TTL on it is past the entry's expiry however slow the machine is.
            var cached = System.Diagnostics.Stopwatch.StartNew();
            await (await bank.GetAsync(path)).JsonAsync();
            if (cached.Elapsed < ttl)
            {
                // Only meaningful when the second call fell within the TTL; a machine that slow proves nothing either way.
                Assert.Single(city.Opa.Questions);
            }

            await Task.Delay(ttl - cached.Elapsed + TimeSpan.FromMilliseconds(500) is { Ticks: > 0 } wait ? wait : TimeSpan.Zero);
            var before = city.Opa.Questions.Count;
            await (await bank.GetAsync(path)).JsonAsync();

            Assert.Equal(before + 1, city.Opa.Questions.Count);
            Assert.Equal(3, city.Upstream.Requests.Count);
        }
        finally
        {
            replica.Kill();
        }
    }

    [Fact]
    public async Task Query_DecisionId_IsInTheHeaderAndTheLedgerWithTheBundleRevisionAndNotTheUpstreams()
    {
        city.Reset();
        city.Opa.AnswerAlways("""{"result":{"allow":true},"provenance":{"bundles":{"datagateway":{"revision":"4711"}}}}""");
        city.Upstream.Responder = async context =>
        {
            // A department that tries to name the decision itself: the gateway's own id replaces it.
            context.Response.Headers["X-DataGateway-Decision-Id"] = "00000000000000000000000000000000";
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(OpaCity.UpstreamRows);
        };
        using var bank = Bank();
        try
        {
            var response = await bank.GetAsync("/api/opa-probe");

            await response.JsonAsync();
            var header = Assert.Single(response.Headers.GetValues("X-DataGateway-Decision-Id"));
            var id = Guid.ParseExact(header, "N");
            Assert.NotEqual(Guid.Empty, id);
            var (decisionId, revision) = await DecisionOfAsync(response);
            Assert.Equal((id, "4711"), (decisionId, revision));
        }
        finally
        {
            city.Upstream.Responder = async context =>
            {
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(OpaCity.UpstreamRows);
            };
        }
    }

    [Fact]
    public async Task Query_Refused_HasItsDecisionIdToo()
    {
        city.Reset();
        city.Opa.AnswerAlways("""{"result":false}""");
        using var bank = Bank();

        var response = await bank.GetAsync("/api/opa-probe");

        await response.AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "external_policy_denied");
        var id = Guid.ParseExact(Assert.Single(response.Headers.GetValues("X-DataGateway-Decision-Id")), "N");
        Assert.Equal((id, (string?)null), await DecisionOfAsync(response));
    }

    private async Task<(Guid? DecisionId, string? Revision)> DecisionOfAsync(HttpResponseMessage response)
    {
        var requestId = Guid.ParseExact(response.Headers.GetValues("X-Request-Id").Single(), "N");
        await using var connection = new Npgsql.NpgsqlConnection(city.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("select decision_id, policy_revision from ledger_records where request_id = @id", connection);
        command.Parameters.AddWithValue("id", requestId);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync(), $"No ledger record for {requestId}.");
        return (reader.IsDBNull(0) ? null : reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetString(1));
    }

    [Theory]
    [InlineData("DataGateway__Policy__Opa__Url", "ftp://127.0.0.1:8181")]
    [InlineData("DataGateway__Policy__Opa__Path", "datagateway/../system")]
    [InlineData("DataGateway__Policy__Opa__Timeout", "00:05:00")]
    public async Task Start_WithABadOpaSetting_StopsInsteadOfServing(string key, string value)
    {
        var failed = await Assert.ThrowsAsync<InvalidOperationException>(() => city.StartReplicaAsync("opa-bad-" + key[^4..].ToLowerInvariant(), new Dictionary<string, string> { [key] = value }));

        Assert.Contains("exited", failed.Message, StringComparison.Ordinal);
        // Named by its full key and environment variable (StartupConfiguration), as the operator sets it.
        Assert.Contains($"{key.Replace("__", ":", StringComparison.Ordinal)} (env {key})", failed.Message, StringComparison.Ordinal);
    }
}
