using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DataGateway.Testing;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;

namespace DataGateway.EndToEnd.Tests.Idp;

/// <summary>
/// Issue 17, point 1: the demo's OpenID Connect provider (<c>DataGateway.Demo idp</c>) over HTTP as a real process:
/// discovery and keys; the organization picker; authorization code with PKCE S256, each code once, for its client,
/// redirect URI and challenge only; CORS for the console's origin only; and an access token that a real catalog accepts
/// as the picked organization's.
/// </summary>
public sealed class DemoIdpTests(IdpCatalog catalog) : IClassFixture<IdpCatalog>
{
    [Fact]
    public async Task Discovery_NamesTheTrustedIssuerAndEndpointsAtTheAuthority()
    {
        using var client = catalog.IdpClient();

        using var discovery = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration"));
        var root = discovery.RootElement;
        using var jwks = JsonDocument.Parse(await client.GetStringAsync(root.GetProperty("jwks_uri").GetString()));

        // The issuer the platform trusts, not the authority's URL (the demo issuer's name predates the provider).
        Assert.Equal(TestTokens.Issuer, root.GetProperty("issuer").GetString());
        Assert.Equal(catalog.Idp.Authority + "/authorize", root.GetProperty("authorization_endpoint").GetString());
        Assert.Equal(catalog.Idp.Authority + "/token", root.GetProperty("token_endpoint").GetString());
        Assert.Equal(["S256"], root.GetProperty("code_challenge_methods_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["code"], root.GetProperty("response_types_supported").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(catalog.Tokens.KeyId, Assert.Single(jwks.RootElement.GetProperty("keys").EnumerateArray()).GetProperty("kid").GetString());
    }

    [Fact]
    public async Task Authorize_RegisteredClient_ListsTheOrganizationsByKindEncoded()
    {
        using var client = catalog.IdpClient();
        var url = QueryHelpers.AddQueryString("/authorize", IdpFlow.AuthorizeParameters(catalog, IdpFlow.Pkce().Challenge));
        // A state with markup comes back as text in a hidden field, never as markup.
        url = url.Replace("state=state-1", "state=%22%3E%3Cscript%3Ealert(1)%3C%2Fscript%3E", StringComparison.Ordinal);

        using var response = await client.GetAsync(url);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        foreach (var heading in new[] { "大数据中心管理员", "区政府", "持牌运营机构", "数据提供部门" })
        {
            Assert.Contains($"<h2>{heading}</h2>", html);
        }

        Assert.Contains("data-test=\"org-op-bank\"", html);
        Assert.Contains("data-test=\"org-district-310104\"", html);
        Assert.DoesNotContain("opa-bundle", html);
        Assert.DoesNotContain("<script", html);
        Assert.Contains("&quot;&gt;&lt;script&gt;", html);
        Assert.Contains("default-src 'none'", Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Token_PickedOperator_IsAnAccessTokenTheCatalogAcceptsWithItsClaims()
    {
        var (verifier, challenge) = IdpFlow.Pkce();
        var code = await IdpFlow.PickAsync(catalog, "op-bank", challenge);

        using var response = await IdpFlow.RedeemAsync(catalog, code, verifier);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Equal("Bearer", body.GetProperty("token_type").GetString());
        var access = new JsonWebToken(body.GetProperty("access_token").GetString());
        Assert.Equal(TestTokens.Issuer, access.Issuer);
        Assert.Equal([TestTokens.Audience], access.Audiences);
        Assert.Equal("op-bank", access.GetPayloadValue<string>("org"));
        Assert.Equal("operator", access.GetPayloadValue<string>("org_kind"));
        Assert.Equal("op-bank", access.Subject);
        Assert.False(access.TryGetPayloadValue<string>("district", out _));
        // The ID token is the client's (its audience), with the nonce it sent; the platform would refuse it.
        var id = new JsonWebToken(body.GetProperty("id_token").GetString());
        Assert.Equal([IdpProcess.ClientId], id.Audiences);
        Assert.Equal("nonce-1", id.GetPayloadValue<string>("nonce"));
        Assert.Equal("op-bank", id.Subject);

        using var api = catalog.Client(access.EncodedToken);
        using var datasets = await api.GetAsync("/v1/datasets");
        Assert.Equal(HttpStatusCode.OK, datasets.StatusCode);
        using var withIdToken = catalog.Client(id.EncodedToken);
        Assert.Equal(HttpStatusCode.Unauthorized, (await withIdToken.GetAsync("/v1/datasets")).StatusCode);
    }

    [Fact]
    public async Task Token_PickedDistrict_CarriesItsDistrictCode()
    {
        var (verifier, challenge) = IdpFlow.Pkce();
        var code = await IdpFlow.PickAsync(catalog, "district-310104", challenge);

        using var response = await IdpFlow.RedeemAsync(catalog, code, verifier);
        var access = new JsonWebToken((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("access_token").GetString());

        Assert.Equal("district", access.GetPayloadValue<string>("org_kind"));
        Assert.Equal("310104", access.GetPayloadValue<string>("district"));
        using var api = catalog.Client(access.EncodedToken);
        Assert.Equal(HttpStatusCode.OK, (await api.GetAsync("/v1/datasets")).StatusCode);
    }

    [Fact]
    public async Task Token_WrongVerifier_IsInvalidGrantAndSpendsTheCode()
    {
        var (verifier, challenge) = IdpFlow.Pkce();
        var code = await IdpFlow.PickAsync(catalog, "op-bank", challenge);

        await AssertOAuthErrorAsync(await IdpFlow.RedeemAsync(catalog, code, IdpFlow.Pkce().Verifier), HttpStatusCode.BadRequest, "invalid_grant");
        // A code that met a wrong verifier is gone: guessing again, even right, gets nothing.
        await AssertOAuthErrorAsync(await IdpFlow.RedeemAsync(catalog, code, verifier), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Fact]
    public async Task Token_CodeUsedTwice_SecondIsInvalidGrant()
    {
        var (verifier, challenge) = IdpFlow.Pkce();
        var code = await IdpFlow.PickAsync(catalog, "op-bank", challenge);

        using var first = await IdpFlow.RedeemAsync(catalog, code, verifier);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await AssertOAuthErrorAsync(await IdpFlow.RedeemAsync(catalog, code, verifier), HttpStatusCode.BadRequest, "invalid_grant");
    }

    [Theory]
    [InlineData("redirect")]
    [InlineData("client")]
    [InlineData("no-verifier")]
    [InlineData("grant-type")]
    public async Task Token_NotAsTheCodeWasIssued_IsRefusedWithAnOAuthError(string wrong)
    {
        var (verifier, challenge) = IdpFlow.Pkce();
        var code = await IdpFlow.PickAsync(catalog, "op-bank", challenge);

        var (response, status, error) = wrong switch
        {
            "redirect" => (await IdpFlow.RedeemAsync(catalog, code, verifier, redirectUri: catalog.Idp.RedirectUri + "/other"), HttpStatusCode.BadRequest, "invalid_grant"),
            "client" => (await IdpFlow.RedeemAsync(catalog, code, verifier, clientId: "someone-else"), HttpStatusCode.Unauthorized, "invalid_client"),
            "no-verifier" => (await IdpFlow.RedeemAsync(catalog, code, ""), HttpStatusCode.BadRequest, "invalid_request"),
            _ => (await PasswordGrantAsync(), HttpStatusCode.BadRequest, "unsupported_grant_type"),
        };

        await AssertOAuthErrorAsync(response, status, error);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1/console/callback")]
    [InlineData("{console}/console/callback/")]
    [InlineData("{console}/console/callback?x=1")]
    [InlineData("{console}/console/CALLBACK")]
    public async Task Authorize_UnregisteredRedirectUri_IsAnsweredThereAndSendsTheBrowserNowhere(string redirectUri)
    {
        using var client = catalog.IdpClient();
        var parameters = IdpFlow.AuthorizeParameters(catalog, IdpFlow.Pkce().Challenge, redirectUri.Replace("{console}", catalog.Idp.ConsoleOrigin, StringComparison.Ordinal));

        using var shown = await client.GetAsync(QueryHelpers.AddQueryString("/authorize", parameters));
        parameters["org"] = "op-bank";
        using var picked = await client.PostAsync("/authorize", new FormUrlEncodedContent(parameters));

        foreach (var response in new[] { shown, picked })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Null(response.Headers.Location);
            Assert.Contains("无法登录", await response.Content.ReadAsStringAsync());
        }
    }

    [Theory]
    [InlineData("code_challenge_method", "plain", "invalid_request")]
    [InlineData("code_challenge", "", "invalid_request")]
    [InlineData("response_type", "token", "unsupported_response_type")]
    [InlineData("scope", "profile", "invalid_scope")]
    public async Task Authorize_WithoutPkceS256OrCode_SendsTheErrorBackWithTheState(string name, string value, string error)
    {
        using var client = catalog.IdpClient();
        var parameters = IdpFlow.AuthorizeParameters(catalog, IdpFlow.Pkce().Challenge);
        parameters[name] = value;

        using var response = await client.GetAsync(QueryHelpers.AddQueryString("/authorize", parameters));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(catalog.Idp.RedirectUri + "?", response.Headers.Location!.ToString());
        var query = QueryHelpers.ParseQuery(response.Headers.Location.Query);
        Assert.Equal(error, query["error"].ToString());
        Assert.Equal("state-1", query["state"].ToString());
        Assert.False(query.ContainsKey("code"));
    }

    [Theory]
    [InlineData("/.well-known/openid-configuration")]
    [InlineData("/.well-known/jwks.json")]
    [InlineData("/token")]
    public async Task Cors_OnlyTheConsoleOrigin_MayReadTheAnswer(string path)
    {
        using var client = catalog.IdpClient();

        foreach (var (origin, allowed) in new[] { (catalog.Idp.ConsoleOrigin, true), ("http://127.0.0.1:1", false), ("null", false) })
        {
            using var preflight = new HttpRequestMessage(HttpMethod.Options, path);
            preflight.Headers.Add("Origin", origin);
            preflight.Headers.Add("Access-Control-Request-Method", path == "/token" ? "POST" : "GET");
            using var answer = await client.SendAsync(preflight);
            using var request = new HttpRequestMessage(path == "/token" ? HttpMethod.Post : HttpMethod.Get, path);
            request.Headers.Add("Origin", origin);
            using var response = await client.SendAsync(request);

            string[]? expected = allowed ? [origin] : null;
            foreach (var message in new[] { answer, response })
            {
                Assert.Equal(expected, message.Headers.TryGetValues("Access-Control-Allow-Origin", out var values) ? values.ToArray() : null);
                Assert.Contains("Origin", message.Headers.Vary);
            }
        }
    }

    [Fact]
    public async Task Cors_ThePickerPage_HasNone()
    {
        using var client = catalog.IdpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, QueryHelpers.AddQueryString("/authorize", IdpFlow.AuthorizeParameters(catalog, IdpFlow.Pkce().Challenge)));
        request.Headers.Add("Origin", catalog.Idp.ConsoleOrigin);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    private async Task<HttpResponseMessage> PasswordGrantAsync()
    {
        using var client = catalog.IdpClient();
        return await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "password", ["client_id"] = IdpProcess.ClientId }));
    }

    private static async Task AssertOAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status, string error)
    {
        using (response)
        {
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
            Assert.Equal(error, body.GetProperty("error").GetString());
            Assert.False(string.IsNullOrEmpty(body.GetProperty("error_description").GetString()));
        }
    }
}
