using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Consent;

/// <summary>
/// Issue 18, points 1–4 (持证主体授权), through real processes: the demo consent issuer signs a consent, an operator
/// calls with it, and the gateway returns that subject's rows only; every way a consent can be wrong has its own
/// refusal; the ledger keeps the consent; the issuer's organization reads who read a subject's records.
/// </summary>
public sealed class ConsentTests(ConsentCity city) : IClassFixture<ConsentCity>
{
    private static readonly string[] VaccinationFields = ["person_id_number", "person_name", "doses", "vaccine"];

    [Fact]
    public async Task Vaccinations_WithTheSubjectsConsent_ReturnsTheSubjectsRowsAndConsentedFieldsOnly()
    {
        var (subject, expected) = await SubjectWithRowsAsync();
        var (_, token) = await city.IssueAsync(subject, "op-insurer", "vaccinations", VaccinationFields);

        using var response = await CallAsync("/api/vaccinations?size=50", token);
        var rows = (await response.JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(expected, rows.Count);
        // The grant also allows last_dose_on and site; the consent does not name them, so they are not returned.
        Assert.All(rows, row => Assert.Subset(VaccinationFields.ToHashSet(), row.Keys().ToHashSet()));
        Assert.All(rows, row => Assert.DoesNotContain("site", row.Keys()));
    }

    [Fact]
    public async Task Probe_WithConsent_PushesTheSubjectDownAndForwardsNoConsentHeader()
    {
        var (_, token) = await city.IssueAsync(ConsentCity.SubjectA, "op-insurer", ConsentCity.ProbeDataset, ["person_id", "name", "score"]);
        var before = city.Upstream.Requests.Count;

        // The caller asks for another subject's rows: the gateway's own subject filter replaces it.
        using var response = await CallAsync($"/api/{ConsentCity.ProbeDataset}?person_id={ConsentCity.SubjectB}", token);
        await response.JsonAsync();

        var forwarded = city.Upstream.Requests.Skip(before).Single();
        Assert.Contains($"person_id={ConsentCity.SubjectA}", forwarded.Query, StringComparison.Ordinal);
        Assert.DoesNotContain(ConsentCity.SubjectB, forwarded.Query, StringComparison.Ordinal);
        Assert.DoesNotContain(forwarded.Headers, h => h.Key.Contains("consent", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(forwarded.Headers.Values, v => v.Contains(token, StringComparison.Ordinal));
    }

    /// <summary>Waits for the response filter's subject rule (the filter branch): the upstream here ignores every filter.</summary>
    [Fact]
    public async Task Probe_UpstreamIgnoringTheFilter_AnotherSubjectsRowNeverReturned()
    {
        var (_, token) = await city.IssueAsync(ConsentCity.SubjectA, "op-insurer", ConsentCity.ProbeDataset, ["person_id", "name", "score"]);

        using var response = await CallAsync($"/api/{ConsentCity.ProbeDataset}", token);
        var rows = (await response.JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(2, rows.Count);
        Assert.All(rows, row => Assert.Equal(ConsentCity.SubjectA, row.GetProperty("person_id").GetString()));
        Assert.All(rows, row => Assert.DoesNotContain("hidden", row.Keys()));
    }

    [Fact]
    public async Task Call_WithoutConsent_IsRefusedAndRecorded()
    {
        using var insurer = city.GatewayClient("op-insurer");
        using var response = await insurer.GetAsync($"/api/{ConsentCity.ProbeDataset}");
        await response.AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "consent_required");
        var entry = await LedgerLookup.OfAsync(city, response);
        Assert.False(entry.Allowed);
        Assert.Equal("consent_required", entry.Reason);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("a.b.c")]
    public async Task Call_WithMalformedConsent_IsRefusedAsInvalid(string credential)
    {
        using var response = await CallAsync($"/api/{ConsentCity.ProbeDataset}", credential);
        await response.AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "consent_invalid");
    }

    [Fact]
    public async Task CallerToken_PresentedAsConsent_IsRefusedAsInvalid()
    {
        using var response = await CallAsync($"/api/{ConsentCity.ProbeDataset}", city.Token("op-insurer"));
        await response.AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "consent_invalid");
    }

    [Fact]
    public async Task Consent_PresentedAsCallerToken_IsRefusedByGatewayAndCatalog()
    {
        var (_, token) = await city.IssueAsync(ConsentCity.SubjectA, "op-insurer", ConsentCity.ProbeDataset, ["person_id"]);
        using var gateway = DemoCity.Client(city.Gateway, token);
        using var catalog = DemoCity.Client(city.Catalog, token);

        await (await gateway.GetAsync($"/api/{ConsentCity.ProbeDataset}")).AssertEdgeProblemAsync(HttpStatusCode.Unauthorized, "token_type_invalid");
        await (await catalog.GetAsync("/v1/datasets")).AssertEdgeProblemAsync(HttpStatusCode.Unauthorized, "token_type_invalid");
    }

    [Fact]
    public async Task Consent_ForgedShapes_AreRefusedWithTheirCodes()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var kid = city.ConsentKeyId();
        string Header(string typ = "dg-consent+jwt") => $$"""{"alg":"ES256","typ":"{{typ}}","kid":"{{kid}}"}""";
        string Payload(long iat, long exp, string extra = "") =>
            $$"""{"iss":"{{ConsentCity.ConsentIssuerName}}","jti":"forged-{{iat}}-{{exp}}","sub":"{{ConsentCity.SubjectA}}","operator":"op-insurer","dataset":"{{ConsentCity.ProbeDataset}}","scenario":"{{ConsentCity.Scenario}}","fields":["person_id"],"iat":{{iat}},"nbf":{{iat}},"exp":{{exp}}{{extra}}}""";

        var cases = new (string Credential, string Code)[]
        {
            (city.Forge(Header(), Payload(now - 7200, now - 3600)), "consent_expired"),
            (city.Forge(Header(), Payload(now, now + (400L * 86400))), "consent_invalid"),
            (city.Forge(Header("JWT"), Payload(now, now + 3600)), "consent_invalid"),
            (city.Forge(Header(), Payload(now, now + 3600, ",\"s\\u0075b\":\"" + ConsentCity.SubjectB + "\"")), "consent_invalid"),
            (city.Forge(Header(), Payload(now, now + 3600))[..^4] + "AAAA", "consent_invalid"),
            (city.Forge(Header(), Payload(now, now + 3600)), "granted"),
        };
        foreach (var (credential, code) in cases)
        {
            using var response = await CallAsync($"/api/{ConsentCity.ProbeDataset}?fields=person_id", credential);
            if (code == "granted")
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }
            else
            {
                await response.AssertEdgeProblemAsync(HttpStatusCode.Forbidden, code);
            }
        }
    }

    [Fact]
    public async Task Consent_OfAnotherOperator_IsRefusedAsForeign()
    {
        var (_, token) = await city.IssueAsync(ConsentCity.SubjectA, "op-bank", ConsentCity.ProbeDataset, ["person_id"]);
        using var response = await CallAsync($"/api/{ConsentCity.ProbeDataset}", token);
        await response.AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "consent_foreign");
    }

    [Fact]
    public async Task Consent_NotFittingTheCall_IsRefusedAsMismatch()
    {
        var (_, otherDataset) = await city.IssueAsync(ConsentCity.SubjectA, "op-insurer", "vaccinations", ["person_id_number"]);
        var (_, otherScenario) = await city.IssueAsync(ConsentCity.SubjectA, "op-insurer", ConsentCity.ProbeDataset, ["person_id"], scenario: "另一场景");
        var (_, fewFields) = await city.IssueAsync(ConsentCity.SubjectA, "op-insurer", ConsentCity.ProbeDataset, ["person_id", "name"]);

        await (await CallAsync($"/api/{ConsentCity.ProbeDataset}", otherDataset)).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "consent_mismatch");
        await (await CallAsync($"/api/{ConsentCity.ProbeDataset}", otherScenario)).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "consent_mismatch");
        var beyond = await (await CallAsync($"/api/{ConsentCity.ProbeDataset}?fields=name,score", fewFields)).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "consent_mismatch");
        Assert.Equal(["score"], beyond.GetProperty("fields").EnumerateArray().Select(f => f.GetString()));
        // Within the consent, a call without ?fields= gets only the consented fields.
        var rows = (await (await CallAsync($"/api/{ConsentCity.ProbeDataset}", fewFields)).JsonAsync()).EnumerateArray().ToList();
        Assert.All(rows, row => Assert.Subset(new HashSet<string> { "person_id", "name" }, row.Keys().ToHashSet()));
    }

    [Fact]
    public async Task Verify_WithConsent_CountsTheSubjectsRowsOnly()
    {
        var (subject, expected) = await SubjectWithRowsAsync();
        var (other, _) = await SubjectWithRowsAsync(skip: 1);
        var (_, token) = await city.IssueAsync(subject, "op-insurer", "vaccinations", VaccinationFields);

        var own = await VerifyAsync(token, new Dictionary<string, string> { ["person_id_number"] = subject });
        var foreign = await VerifyAsync(token, new Dictionary<string, string> { ["person_id_number"] = other });

        Assert.Equal(expected, own.GetProperty("count").GetInt64());
        Assert.Equal(0, foreign.GetProperty("count").GetInt64());
        Assert.False(foreign.GetProperty("matched").GetBoolean());

        using var insurer = city.GatewayClient("op-insurer");
        using var bare = await insurer.PostAsJsonAsync("/api/vaccinations/verify", new { match = new { person_id_number = subject } });
        await bare.AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "consent_required");
    }

    [Fact]
    public async Task Withdrawn_IsRefusedOnTwoGateways_AndTheLedgerAndAccessReportShowIt()
    {
        var (subject, _) = await SubjectWithRowsAsync(skip: 2);
        var (id, token) = await city.IssueAsync(subject, "op-insurer", "vaccinations", VaccinationFields);
        var (_, urlB) = await city.StartReplicaAsync("consent-b");
        using var a = DemoCity.Client(city.Gateway, city.Token("op-insurer"));
        using var b = DemoCity.Client(urlB, city.Token("op-insurer"));
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(a, "/api/vaccinations", token)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(b, "/api/vaccinations", token)).StatusCode);

        using var issuer = new HttpClient { BaseAddress = city.ConsentIssuer };
        using var withdrawn = await issuer.PostAsJsonAsync($"/consents/{id}/withdraw", new { reason = "不再投保" });
        var revocation = await withdrawn.JsonAsync();
        Assert.True(revocation.GetProperty("revoked").GetBoolean());
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var seen = await Task.WhenAll(new[] { a, b }.Select(async gateway =>
        {
            while (true)
            {
                using var answer = await SendAsync(gateway, "/api/vaccinations", token);
                if (answer.StatusCode == HttpStatusCode.Forbidden)
                {
                    await answer.AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "consent_revoked");
                    return clock.Elapsed;
                }

                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), "The withdrawn consent was still accepted 5 s after the withdrawal.");
                await Task.Delay(5);
            }
        }));
        Console.WriteLine($"withdrawn consent refused after {seen[0].TotalMilliseconds:0} ms (gateway a) and {seen[1].TotalMilliseconds:0} ms (gateway b)");

        // A second withdrawal answers the first.
        using var again = await issuer.PostAsJsonAsync($"/consents/{id}/withdraw", new { reason = "再次撤回" });
        var second = await again.JsonAsync();
        Assert.Equal(revocation.GetProperty("revokedAt").GetDateTimeOffset(), second.GetProperty("revokedAt").GetDateTimeOffset());
        Assert.Equal("不再投保", second.GetProperty("reason").GetString());

        using var admin = city.CatalogClient("admin");
        var records = (await (await admin.GetAsync($"/v1/ledger?consent={id}")).JsonAsync()).GetProperty("records").EnumerateArray().ToList();
        Assert.True(records.Count >= 4, $"{records.Count} ledger records under the consent.");
        Assert.All(records, r => Assert.Equal(subject, r.GetProperty("consentSubject").GetString()));
        Assert.Contains(records, r => r.GetProperty("allowed").GetBoolean());
        Assert.Contains(records, r => r.GetProperty("reason").GetString() == "consent_revoked");

        using var suishenban = city.CatalogClient(ConsentCity.IssuerOrganization);
        using var report = await suishenban.GetAsync($"/v1/ledger/access-report?subject={subject}&dataset=vaccinations");
        var body = await report.JsonAsync();
        var line = Assert.Single(body.GetProperty("lines").EnumerateArray());
        Assert.Equal("op-insurer", line.GetProperty("operator").GetString());
        Assert.Equal(id, line.GetProperty("consentId").GetString());
        Assert.Equal(records.Count, line.GetProperty("calls").GetInt64());
        Assert.True(line.GetProperty("refused").GetInt64() >= 2);
        Assert.Equal("1", report.Headers.GetValues("X-Total-Count").Single());
    }

    [Fact]
    public async Task AccessReport_BySubject_IsPagedFilteredAndOnlyForTheIssuerAndAdmins()
    {
        var subject = "310110197001015555";
        var (first, t1) = await city.IssueAsync(subject, "op-insurer", ConsentCity.ProbeDataset, ["person_id"]);
        var (second, t2) = await city.IssueAsync(subject, "op-insurer", ConsentCity.ProbeDataset, ["person_id", "name"]);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync($"/api/{ConsentCity.ProbeDataset}", t1)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync($"/api/{ConsentCity.ProbeDataset}", t2)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await CallAsync($"/api/{ConsentCity.ProbeDataset}", t2)).StatusCode);

        using var admin = city.CatalogClient("admin");
        using var page1 = await admin.GetAsync($"/v1/ledger/access-report?subject={subject}&size=1");
        var lines1 = (await page1.JsonAsync()).GetProperty("lines").EnumerateArray().ToList();
        using var page2 = await admin.GetAsync($"/v1/ledger/access-report?subject={subject}&size=1&page=2");
        var lines2 = (await page2.JsonAsync()).GetProperty("lines").EnumerateArray().ToList();
        Assert.Equal("2", page1.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(first, Assert.Single(lines1).GetProperty("consentId").GetString());
        Assert.Equal(second, Assert.Single(lines2).GetProperty("consentId").GetString());
        Assert.Equal(2, lines2[0].GetProperty("calls").GetInt64());

        var none = await (await admin.GetAsync($"/v1/ledger/access-report?subject={subject}&dataset=vaccinations")).JsonAsync();
        Assert.Empty(none.GetProperty("lines").EnumerateArray());
        var later = await (await admin.GetAsync($"/v1/ledger/access-report?subject={subject}&from=2999-01-01T00:00:00%2B08:00")).JsonAsync();
        Assert.Empty(later.GetProperty("lines").EnumerateArray());

        using var insurer = city.CatalogClient("op-insurer");
        await (await insurer.GetAsync($"/v1/ledger/access-report?subject={subject}")).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "consent_issuer_required");
        // An unknown subject and a known one are refused alike: the refusal says nothing about either.
        await (await insurer.GetAsync("/v1/ledger/access-report?subject=nobody")).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "consent_issuer_required");
        await (await admin.GetAsync($"/v1/ledger/access-report?subject={subject}&district=310104")).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
    }

    [Fact]
    public async Task ConsentsApi_RevokeAndRead_OnlyForTheIssuerAndAdmins()
    {
        using var suishenban = city.CatalogClient(ConsentCity.IssuerOrganization);
        using var insurer = city.CatalogClient("op-insurer");
        using var admin = city.CatalogClient("admin");

        var unknown = await (await suishenban.GetAsync("/v1/consents/never-issued-1")).JsonAsync();
        Assert.False(unknown.GetProperty("revoked").GetBoolean());
        await (await insurer.PostAsJsonAsync("/v1/consents/never-issued-1/revoke", new { })).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "consent_issuer_required");
        await (await insurer.GetAsync("/v1/consents/never-issued-1")).AssertEdgeProblemAsync(HttpStatusCode.Forbidden, "consent_issuer_required");
        await (await suishenban.PostAsJsonAsync("/v1/consents/bad%20id/revoke", new { })).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        await (await suishenban.PostAsJsonAsync("/v1/consents/x1/revoke", new { reason = new string('因', 501) })).AssertEdgeProblemAsync(HttpStatusCode.BadRequest, "validation_failed");
        Assert.False((await (await admin.GetAsync("/v1/consents/x1")).JsonAsync()).GetProperty("revoked").GetBoolean());

        var revoked = await (await admin.PostAsync("/v1/consents/by-admin-1/revoke", null)).JsonAsync();
        Assert.Equal("admin", revoked.GetProperty("revokedBy").GetString());
        var read = await (await suishenban.GetAsync("/v1/consents/by-admin-1")).JsonAsync();
        Assert.True(read.GetProperty("revoked").GetBoolean());
        Assert.Equal(revoked.GetProperty("revokedAt").GetDateTimeOffset(), read.GetProperty("revokedAt").GetDateTimeOffset());
    }

    /// <summary>A person with vaccination records, and how many, as the owning department reads them.</summary>
    private async Task<(string Subject, int Rows)> SubjectWithRowsAsync(int skip = 0)
    {
        using var owner = city.GatewayClient("dept-health");
        var rows = (await (await owner.GetAsync("/api/vaccinations?size=50")).JsonAsync()).EnumerateArray()
            .Select(r => r.GetProperty("person_id_number").GetString()!).Distinct().ToList();
        var subject = rows[skip];
        var own = (await (await owner.GetAsync($"/api/vaccinations?person_id_number={subject}&size=50")).JsonAsync()).GetArrayLength();
        return (subject, own);
    }

    private async Task<JsonElement> VerifyAsync(string consent, Dictionary<string, string> match)
    {
        using var insurer = city.GatewayClient("op-insurer");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/vaccinations/verify") { Content = JsonContent.Create(new { match }) };
        request.Headers.Add("X-Consent-Token", consent);
        using var response = await insurer.SendAsync(request);
        return await response.JsonAsync();
    }

    private async Task<HttpResponseMessage> CallAsync(string path, string consent)
    {
        using var insurer = city.GatewayClient("op-insurer");
        return await SendAsync(insurer, path, consent);
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string path, string consent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("X-Consent-Token", consent);
        return await client.SendAsync(request);
    }
}
