using DataGateway.Policy.Decisions;
using DataGateway.Policy.Engine;
using DataGateway.Policy.Model;
using DataGateway.Policy.Opa;
using DataGateway.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;
using static DataGateway.Policy.Tests.Engine.CatalogBuilder;

namespace DataGateway.Policy.Tests.Opa;

/// <summary>
/// The OPA client over real HTTP against <see cref="OpaDataApiServer"/>, an in-test server following OPA's Data API
/// (no OPA binary can be installed here; it says why). Budgets are watchdogs of seconds; the slow case is a server
/// that never answers, so it does not depend on how fast the machine is.
/// </summary>
public sealed class OpaClientTests : IAsyncLifetime
{
    private static readonly CatalogPolicyEngine Engine = new();
    private static readonly Organization Bank = Operator("op-bank", "housing");
    private static readonly CatalogSnapshot Catalog = Snapshot(Housing(open: true), [Bank], Grant("op-bank", ["id", "address", "district_code", "owner_name"]));
    private readonly FakeTimeProvider _time = new(Now);
    private OpaDataApiServer _opa = null!;

    public async Task InitializeAsync() => _opa = await OpaDataApiServer.StartAsync();

    public async Task DisposeAsync() => await _opa.DisposeAsync();

    private OpaClient Client(TimeSpan? timeout = null, int retries = 2, Uri? url = null) => new(new OpaOptions
    {
        Url = url ?? _opa.Address,
        Timeout = timeout ?? TimeSpan.FromSeconds(30),
        MaxRetries = retries,
        CacheTtl = TimeSpan.FromSeconds(5),
    }, _time);

    private static AccessRequest Request(string[]? fields = null, string? district = null) =>
        new(new CallerIdentity(Bank.Id, Bank.Kind, null), "housing", DataAction.Query, fields, district, Now);

    private static async Task<ExternalDecision> DecideAsync(OpaClient client, AccessRequest? request = null, string? address = "10.0.0.7")
    {
        request ??= Request();
        var builtIn = Engine.Decide(Catalog, request);
        Assert.True(builtIn.Allowed);
        return await client.DecideAsync(Catalog, request, builtIn, address, CancellationToken.None);
    }

    [Fact]
    public async Task Decide_OpaAllows_KeepsTheBuiltInDecisionAndSendsTheDocumentedInput()
    {
        using var client = Client();
        var request = Request();
        var builtIn = Engine.Decide(Catalog, request);

        var result = await client.DecideAsync(Catalog, request, builtIn, "10.0.0.7", CancellationToken.None);

        Assert.Same(builtIn, result.Decision);
        var question = Assert.Single(_opa.Questions);
        Assert.Equal(("datagateway/access/decision", "?provenance"), (question.Path, question.Query));
        var input = question.Input;
        Assert.Equal("op-bank", input.GetProperty("subject").GetProperty("organization").GetString());
        Assert.Equal("operator", input.GetProperty("subject").GetProperty("kind").GetString());
        Assert.Equal(["housing"], input.GetProperty("subject").GetProperty("licensedDomains").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("housing", input.GetProperty("resource").GetProperty("dataset").GetString());
        Assert.Equal("unconditional", input.GetProperty("resource").GetProperty("sharing").GetString());
        Assert.Equal("query", input.GetProperty("action").GetString());
        var context = input.GetProperty("context");
        Assert.Equal("2026-11-23T02:00:00Z", context.GetProperty("time").GetString());
        Assert.Equal("10.0.0.7", context.GetProperty("clientAddress").GetString());
        Assert.Equal("g-op-bank", context.GetProperty("grant").GetProperty("id").GetString());
        Assert.Equal("granted", context.GetProperty("builtIn").GetProperty("reason").GetString());
        Assert.Equal(["id", "address", "district_code", "owner_name"], context.GetProperty("builtIn").GetProperty("fields").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Decide_OpaAnswersPlainTrue_Allows()
    {
        _opa.AnswerAlways("""{"result":true}""");
        using var client = Client();

        Assert.True((await DecideAsync(client)).Decision.Allowed);
    }

    [Theory]
    [InlineData("""{"result":{"allow":false,"reason":"office_hours"}}""", "office_hours")]
    [InlineData("""{"result":{"allow":false}}""", null)]
    [InlineData("""{"result":false}""", null)]
    public async Task Decide_OpaDenies_DeniesWithExternalPolicyDenied(string answer, string? reason)
    {
        _opa.AnswerAlways(answer);
        using var client = Client();

        var result = await DecideAsync(client);

        Assert.False(result.Decision.Allowed);
        Assert.Equal(ReasonCodes.ExternalPolicyDenied, result.Decision.ReasonCode);
        Assert.Equal(reason, result.Verdict!.Reason);
    }

    [Fact]
    public async Task Decide_OpaNarrowsFields_ReturnsOnlyTheIntersectionNeverAFieldTheBuiltInEngineLeftOut()
    {
        // owner_id_number is not in the grant: OPA naming it must not add it.
        _opa.AnswerAlways("""{"result":{"allow":true,"fields":["id","owner_name","owner_id_number"]}}""");
        using var client = Client();

        var first = await DecideAsync(client);
        var again = await DecideAsync(client);

        Assert.True(first.Decision.Allowed);
        Assert.Equal(["id", "owner_name"], first.Decision.Fields.Select(f => f.Name));
        Assert.Equal(MaskKind.Keep, first.Decision.Fields.Single(f => f.Name == "owner_name").Mask.Kind);
        Assert.Same(first.Decision.Fields, again.Decision.Fields);
    }

    [Fact]
    public async Task Decide_OpaNarrowsDistricts_ReturnsOnlyThoseDistrictsRows()
    {
        _opa.AnswerAlways("""{"result":{"allow":true,"districts":["310104","310101"]}}""");
        using var client = Client();

        var all = await DecideAsync(client);
        var one = await DecideAsync(client, Request(district: "310104"));

        Assert.Null(Engine.Decide(Catalog, Request()).Districts);
        Assert.Equal(["310101", "310104"], all.Decision.Districts!.Order());
        Assert.Equal(["310104"], one.Decision.Districts!);
    }

    [Fact]
    public async Task Decide_OpaLeavesOutARequestedDistrict_DeniesInsteadOfAnEmptyAnswer()
    {
        _opa.AnswerAlways("""{"result":{"allow":true,"districts":["310104"]}}""");
        using var client = Client();

        var result = await DecideAsync(client, Request(district: "310101"));

        Assert.Equal(ReasonCodes.ExternalPolicyDenied, result.Decision.ReasonCode);
    }

    [Fact]
    public async Task Decide_OpaLeavesOutARequestedField_DeniesNamingIt()
    {
        _opa.AnswerAlways("""{"result":{"allow":true,"fields":["id"]}}""");
        using var client = Client();

        var result = await DecideAsync(client, Request(fields: ["id", "address"]));

        Assert.Equal(ReasonCodes.ExternalPolicyDenied, result.Decision.ReasonCode);
        Assert.Equal(["address"], result.Decision.DeniedFields);
    }

    [Theory]
    [InlineData("""{"result":{"allow":true,"fields":[]}}""")]
    [InlineData("""{"result":{"allow":true,"fields":["nothing_granted"]}}""")]
    [InlineData("""{"result":{"allow":true,"districts":[]}}""")]
    public async Task Decide_OpaNarrowsToNothing_Denies(string answer)
    {
        _opa.AnswerAlways(answer);
        using var client = Client();

        Assert.Equal(ReasonCodes.ExternalPolicyDenied, (await DecideAsync(client)).Decision.ReasonCode);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"decision_id":"d-1"}""")]
    public async Task Decide_ResultUndefined_FailsClosedWithUndefined(string answer)
    {
        _opa.AnswerAlways(answer);
        using var client = Client();

        var result = await DecideAsync(client);

        Assert.Equal((false, ReasonCodes.ExternalPolicyUndefined), (result.Decision.Allowed, result.Decision.ReasonCode));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"result":"yes"}""")]
    [InlineData("""{"result":null}""")]
    [InlineData("""{"result":{"fields":["id"]}}""")]
    [InlineData("""{"result":{"allow":"true"}}""")]
    [InlineData("""{"result":{"allow":false,"allow":true}}""")]
    [InlineData("""{"result":{"allow":true},"result":{"allow":true}}""")]
    [InlineData("""{"result":{"allow":true,"fields":"id"}}""")]
    [InlineData("""{"result":{"allow":true,"fields":[1]}}""")]
    [InlineData("""{"result":{"allow":false,"reason":"Office hours: 9–17"}}""")]
    public async Task Decide_MalformedAnswer_FailsClosedWithMalformed(string answer)
    {
        _opa.AnswerAlways(answer);
        using var client = Client();

        var result = await DecideAsync(client);

        Assert.Equal((false, ReasonCodes.ExternalPolicyMalformed), (result.Decision.Allowed, result.Decision.ReasonCode));
    }

    [Fact]
    public async Task Decide_AnswerTooLarge_FailsClosedWithMalformed()
    {
        var padding = new string(' ', OpaClient.MaxAnswerBytes);
        _opa.AnswerAlways("""{"result":true}""" + padding);
        using var client = Client();

        Assert.Equal(ReasonCodes.ExternalPolicyMalformed, (await DecideAsync(client)).Decision.ReasonCode);
    }

    [Fact]
    public async Task Decide_OpaHangs_FailsClosedWithTimeout()
    {
        _opa.Hang();
        using var client = Client(timeout: TimeSpan.FromSeconds(1));

        var result = await DecideAsync(client);

        Assert.Equal((false, ReasonCodes.ExternalPolicyTimeout), (result.Decision.Allowed, result.Decision.ReasonCode));
        Assert.Single(_opa.Questions);
    }

    [Fact]
    public async Task Decide_Opa500_FailsClosedWithStatusAndIsNotRetried()
    {
        _opa.Responder = (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return OpaDataApiServer.AnswerAsync(context, """{"code":"internal_error"}""");
        };
        using var client = Client();

        var result = await DecideAsync(client);

        Assert.Equal((false, ReasonCodes.ExternalPolicyStatus), (result.Decision.Allowed, result.Decision.ReasonCode));
        Assert.Single(_opa.Questions);
    }

    [Fact]
    public async Task Decide_Opa503ThenAnswers_RetriesAndAllows()
    {
        var calls = 0;
        _opa.Responder = (context, question) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return Task.CompletedTask;
            }

            return OpaDataApiServer.Allow(context, question);
        };
        using var client = Client(retries: 2);

        var result = await DecideAsync(client);

        Assert.True(result.Decision.Allowed);
        Assert.Equal(2, _opa.Questions.Count);
    }

    [Fact]
    public async Task Decide_Opa503Always_StopsAfterTheBoundedRetries()
    {
        _opa.Responder = (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        };
        using var client = Client(retries: 2);

        var result = await DecideAsync(client);

        Assert.Equal(ReasonCodes.ExternalPolicyStatus, result.Decision.ReasonCode);
        Assert.Equal(3, _opa.Questions.Count);
    }

    [Fact]
    public async Task Decide_ConnectionRefused_FailsClosedWithUnreachable()
    {
        // A claimed free port nobody listens on: the connection is refused at once.
        using var client = Client(url: new Uri($"http://127.0.0.1:{FreePorts.Next()}"));

        var result = await DecideAsync(client);

        Assert.Equal((false, ReasonCodes.ExternalPolicyUnreachable), (result.Decision.Allowed, result.Decision.ReasonCode));
    }

    [Fact]
    public async Task Decide_SameInputWithinTtl_AsksOnceAndAgainAfterItExpires()
    {
        using var client = Client();

        await DecideAsync(client);
        _time.Advance(TimeSpan.FromSeconds(4));
        var cached = await DecideAsync(client);
        _time.Advance(TimeSpan.FromSeconds(2));
        var expired = await DecideAsync(client);

        Assert.True(cached.Cached);
        Assert.False(expired.Cached);
        Assert.Equal(2, _opa.Questions.Count);
        Assert.Equal(1, client.CacheHits);
    }

    [Fact]
    public async Task Decide_DifferentRelevantParts_AreAskedSeparately()
    {
        using var client = Client();

        await DecideAsync(client);
        await DecideAsync(client, Request(fields: ["id"]));
        await DecideAsync(client, address: "10.0.0.8");
        await DecideAsync(client, Request() with { Now = Now.AddMinutes(1) });
        await DecideAsync(client, Request() with { Now = Now.AddSeconds(30) });

        // The last differs only within the minute, which OPA is not told: the same input, from the cache.
        Assert.Equal(4, _opa.Questions.Count);
    }

    [Fact]
    public async Task Decide_FailuresAreNotCached_TheNextCallAsksAgain()
    {
        _opa.Responder = (context, _) =>
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return Task.CompletedTask;
        };
        using var client = Client();
        Assert.Equal(ReasonCodes.ExternalPolicyStatus, (await DecideAsync(client)).Decision.ReasonCode);

        _opa.Responder = OpaDataApiServer.Allow;

        Assert.True((await DecideAsync(client)).Decision.Allowed);
        Assert.Equal(2, _opa.Questions.Count);
    }

    [Fact]
    public async Task Decide_BuiltInDenied_OpaIsNotAsked()
    {
        using var client = Client();
        var request = Request(fields: ["owner_id_number"]);
        var builtIn = Engine.Decide(Catalog, request);

        var result = await client.DecideAsync(Catalog, request, builtIn, null, CancellationToken.None);

        Assert.Same(builtIn, result.Decision);
        Assert.Empty(_opa.Questions);
    }

    [Fact]
    public async Task Decide_ProvenanceNamesTheBundleRevision_VerdictKeepsIt()
    {
        _opa.AnswerAlways("""{"result":{"allow":true},"provenance":{"version":"1.0.0","bundles":{"datagateway":{"revision":"42"}}}}""");
        using var client = Client();

        Assert.Equal("42", (await DecideAsync(client)).Verdict!.BundleRevision);
    }
}
