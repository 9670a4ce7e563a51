using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.EndToEnd.Tests.Idp;

/// <summary>What a browser and the console do with the provider, step by step over HTTP: ask, pick, redeem.</summary>
internal static class IdpFlow
{
    /// <summary>A PKCE verifier (RFC 7636 §4.1) and its S256 challenge.</summary>
    public static (string Verifier, string Challenge) Pkce()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return (verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }

    public static Dictionary<string, string?> AuthorizeParameters(IdpCatalog catalog, string challenge, string? redirectUri = null) => new()
    {
        ["client_id"] = Testing.IdpProcess.ClientId,
        ["redirect_uri"] = redirectUri ?? catalog.Idp.RedirectUri,
        ["response_type"] = "code",
        ["scope"] = "openid",
        ["state"] = "state-1",
        ["code_challenge"] = challenge,
        ["code_challenge_method"] = "S256",
        ["nonce"] = "nonce-1",
    };

    /// <summary>Posts the picker's form with <paramref name="organization"/> picked; answers the code it redirects with.</summary>
    public static async Task<string> PickAsync(IdpCatalog catalog, string organization, string challenge)
    {
        using var client = catalog.IdpClient();
        var form = AuthorizeParameters(catalog, challenge);
        form["org"] = organization;
        using var response = await client.PostAsync("/authorize", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(catalog.Idp.RedirectUri + "?", location.ToString());
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal("state-1", query["state"].ToString());
        return query["code"].ToString();
    }

    public static async Task<HttpResponseMessage> RedeemAsync(IdpCatalog catalog, string code, string verifier, string? redirectUri = null, string clientId = Testing.IdpProcess.ClientId)
    {
        using var client = catalog.IdpClient();
        return await client.PostAsync("/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["client_id"] = clientId,
            ["code"] = code,
            ["redirect_uri"] = redirectUri ?? catalog.Idp.RedirectUri,
            ["code_verifier"] = verifier,
        }));
    }
}
