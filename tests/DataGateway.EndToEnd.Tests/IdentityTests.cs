using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DataGateway.Testing;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.EndToEnd.Tests;

/// <summary>
/// The gateway and the catalog judge a token by the same code: the same JOSE rules (no <c>crit</c>), and the same check
/// that the catalog's organizations agree with the token. Tokens are the demo issuer's, signed with its real key.
/// </summary>
public class IdentityTests(DemoCity city) : IClassFixture<DemoCity>
{
    [Fact]
    public async Task BothServices_SignedTokenWithCritHeader_Are401TokenCritUnsupported()
    {
        var token = Resign(city.Token("op-bank"), header => { header["crit"] = new JsonArray("x-unknown"); header["x-unknown"] = true; });

        using var gateway = DemoCity.Client(city.Gateway, token);
        using var catalog = DemoCity.Client(city.Catalog, token);

        await (await gateway.GetAsync("/api/enterprises?size=1")).AssertProblemAsync(HttpStatusCode.Unauthorized, "token_crit_unsupported");
        await (await catalog.GetAsync("/v1/grants")).AssertProblemAsync(HttpStatusCode.Unauthorized, "token_crit_unsupported");
    }

    [Fact]
    public async Task BothServices_SameTokenResignedWithoutCrit_AreServed()
    {
        // The control: re-signing by hand keeps a token valid; only crit makes the difference above.
        var token = Resign(city.Token("op-bank"), _ => { });

        using var gateway = DemoCity.Client(city.Gateway, token);
        using var catalog = DemoCity.Client(city.Catalog, token);

        Assert.Equal(HttpStatusCode.OK, (await gateway.GetAsync("/api/enterprises?size=1")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await catalog.GetAsync("/v1/grants")).StatusCode);
    }

    [Fact]
    public async Task BothServices_OperatorTokenClaimingAdmin_Are403CallerUnknownWithTheSameDetail()
    {
        var token = Resign(city.Token("op-bank"), _ => { }, payload => payload["org_kind"] = "admin");

        using var gateway = DemoCity.Client(city.Gateway, token);
        using var catalog = DemoCity.Client(city.Catalog, token);

        var fromGateway = await (await gateway.GetAsync("/api/enterprises?size=1")).AssertProblemAsync(HttpStatusCode.Forbidden, "caller_unknown");
        var fromCatalog = await (await catalog.GetAsync("/v1/organizations")).AssertProblemAsync(HttpStatusCode.Forbidden, "caller_unknown");
        Assert.Equal(fromGateway.GetProperty("detail").GetString(), fromCatalog.GetProperty("detail").GetString());
    }

    /// <summary>The token with its header and payload changed, signed again with the demo issuer's private key.</summary>
    private string Resign(string token, Action<JsonObject> editHeader, Action<JsonObject>? editPayload = null)
    {
        var parts = token.Split('.');
        var header = JsonNode.Parse(Base64UrlEncoder.Decode(parts[0]))!.AsObject();
        var payload = JsonNode.Parse(Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        editHeader(header);
        editPayload?.Invoke(payload);
        var input = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(Path.Combine(city.DemoDirectory, "keys", "issuer.key.pem")));
        var signature = key.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return input + "." + Base64UrlEncoder.Encode(signature);
    }
}
