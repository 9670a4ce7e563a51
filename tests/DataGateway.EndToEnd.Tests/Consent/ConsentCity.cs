using System.Globalization;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using DataGateway.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.EndToEnd.Tests.Consent;

/// <summary>
/// The demo city with its consent issuer (<c>DataGateway.Demo consent</c>, a real process with its own key): the
/// catalog lets <c>org-suishenban</c> speak for it, the gateway trusts its JWKS URL. Besides the seeded
/// <c>vaccinations</c> (consent subject <c>person_id_number</c>, granted to op-insurer for 健康险核保), dataset
/// <see cref="ProbeDataset"/> is served by a <see cref="RecordingUpstream"/> that ignores every filter and answers rows
/// of two subjects, so the tests see what the gateway forwards and what it keeps.
/// </summary>
public sealed class ConsentCity : DemoCity
{
    public const string ConsentIssuerName = "https://demo-consent.test.datagateway.local";
    public const string IssuerOrganization = "org-suishenban";
    public const string Scenario = "健康险核保";
    public const string ProbeDataset = "consent-probe";
    public const string SubjectA = "310104199001011234";
    public const string SubjectB = "310105198502024321";

    public RecordingUpstream Upstream { get; private set; } = null!;

    public int ConsentPort { get; } = FreePorts.Next();

    public Uri ConsentIssuer => new($"http://127.0.0.1:{ConsentPort}");

    public string ConsentKeyPath => Path.Combine(DemoDirectory, "keys", "consent.key.pem");

    public override async Task InitializeAsync()
    {
        Upstream = await RecordingUpstream.StartAsync();
        // A department that ignores the gateway's filters: two subjects' rows, whatever is asked.
        Upstream.Responder = context => context.Response.WriteAsJsonAsync(new object[]
        {
            new { person_id = SubjectA, name = "甲", score = 1, hidden = "a" },
            new { person_id = SubjectB, name = "乙", score = 2, hidden = "b" },
            new { person_id = SubjectA, name = "甲", score = 3, hidden = "c" },
        });
        await base.InitializeAsync();
    }

    protected override IReadOnlyDictionary<string, string> CatalogSettings() => new Dictionary<string, string>
    {
        ["DataGateway__Consent__Issuer"] = ConsentIssuerName,
        ["DataGateway__Consent__Organization"] = IssuerOrganization,
        ["DataGateway__Consent__SigningKeyFiles__0"] = Path.Combine(DemoDirectory, "keys", "consent.pub.pem"),
    };

    protected override Dictionary<string, string> GatewaySettings()
    {
        var settings = base.GatewaySettings();
        settings["DataGateway__Consent__Issuer"] = ConsentIssuerName;
        settings["DataGateway__Consent__Organization"] = IssuerOrganization;
        settings["DataGateway__Consent__JwksUrl"] = new Uri(ConsentIssuer, "/.well-known/jwks.json").ToString();
        return settings;
    }

    protected override async Task BeforeGatewayStartsAsync()
    {
        var issuer = Start("demo/DataGateway.Demo",
        [
            "consent", "--port", ConsentPort.ToString(CultureInfo.InvariantCulture), "--key", ConsentKeyPath, "--issuer", ConsentIssuerName,
            "--catalog", Catalog.ToString(), "--catalog-token", Path.Combine(DemoDirectory, "tokens", IssuerOrganization + ".jwt"),
        ], new Dictionary<string, string>());
        await issuer.WaitUntilReadyAsync(new Uri(ConsentIssuer, "/healthz").ToString());

        using var admin = CatalogClient("admin");
        await admin.PostForJsonAsync("/v1/organizations", new { id = "dept-consent-probe", name = "授权探针部门", kind = "department" });
        await admin.PostForJsonAsync("/v1/services", new { id = "svc-consent-probe", ownerId = "dept-consent-probe", baseAddress = Upstream.Address.ToString(), timeoutMs = 2000 });
        await admin.PostForJsonAsync("/v1/datasets", new
        {
            code = ProbeDataset,
            title = "授权探针数据",
            ownerId = "dept-consent-probe",
            serviceId = "svc-consent-probe",
            path = "/consent-probe",
            domain = "medical",
            sharing = "conditional",
            openForOperation = true,
            consentSubjectField = "person_id",
            fields = new object[]
            {
                new { name = "person_id", title = "身份证号", level = "L2" },
                new { name = "name", title = "姓名", level = "L1" },
                new { name = "score", title = "分值", level = "L1" },
                new { name = "hidden", title = "未授权字段", level = "L1" },
            },
        });
        using var insurer = CatalogClient("op-insurer");
        var application = await insurer.PostForJsonAsync("/v1/applications", new
        {
            datasetCode = ProbeDataset,
            scenario = Scenario,
            scenarioDescription = "探针：核保时读取投保人本人的记录。",
            fields = new[] { "person_id", "name", "score", "hidden" },
            verifyFields = new[] { "person_id", "name" },
        });
        await admin.PostForJsonAsync($"/v1/applications/{application.GetProperty("id").GetString()}/approve", new { });
    }

    /// <summary>Asks the consent issuer for a consent (as a script would), failing the test if it refuses.</summary>
    public async Task<(string Id, string Token)> IssueAsync(string subject, string @operator, string dataset, string[] fields, string scenario = Scenario, int? days = null)
    {
        using var client = new HttpClient { BaseAddress = ConsentIssuer };
        var issued = await client.PostForJsonAsync("/consents", new { subject, @operator, dataset, scenario, fields, days });
        return (issued.GetProperty("id").GetString()!, issued.GetProperty("token").GetString()!);
    }

    /// <summary>
    /// A credential signed with the consent issuer's own key but written here, for the shapes the issuer never signs
    /// (expired, too long-lived, another typ, repeated claims): raw header and payload JSON, ES256.
    /// </summary>
    public string Forge(string headerJson, string payloadJson)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(ConsentKeyPath));
        var input = Base64UrlEncoder.Encode(headerJson) + "." + Base64UrlEncoder.Encode(payloadJson);
        var signature = key.SignData(System.Text.Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256);
        return input + "." + Base64UrlEncoder.Encode(signature);
    }

    /// <summary>The consent key's id as the platform names it (its RFC 7638 thumbprint).</summary>
    public string ConsentKeyId()
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(ConsentKeyPath));
        return Base64UrlEncoder.Encode(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(key)).ComputeJwkThumbprint());
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Upstream.DisposeAsync();
    }
}
