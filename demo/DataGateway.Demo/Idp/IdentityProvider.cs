using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace DataGateway.Demo.Idp;

/// <summary>
/// The <c>idp</c> command: a small OpenID Connect provider for the demo, on one loopback port, until Ctrl-C or
/// SIGTERM. Discovery, JWKS, <c>/authorize</c> (pick an organization; no password: it is a demo) and <c>/token</c>
/// (authorization code with PKCE S256). It signs with the demo issuer's key, so its access tokens are the ones the
/// <c>keys</c> command writes, and the catalog and gateway accept them as they are.
/// </summary>
/// <remarks>
/// The discovery document's <c>issuer</c> is the issuer the platform trusts (<c>--issuer</c>), not the URL it is
/// served from (<see cref="IdpOptions.Authority"/>): OpenID Connect Discovery wants them equal, but the demo's tokens
/// were issued under that name before this provider existed. oidc-client-ts (the console's client) reads the
/// endpoints from the document fetched at the authority and compares neither that document's issuer with the
/// authority nor the ID token's <c>iss</c> (it does not validate ID tokens in the browser), so it works either way; a
/// stricter client would be configured with issuer = authority, which a real provider has.
/// </remarks>
internal static class IdentityProvider
{
    public static async Task<int> RunAsync(IdpOptions options)
    {
        using var issuer = DemoIssuer.Load(options.KeyFile, options.Issuer, options.Audience);
        if (issuer is null)
        {
            await Console.Error.WriteLineAsync($"idp: 没有签发者私钥 no issuer key at {Path.GetFullPath(options.KeyFile)}; run the keys command first");
            return 1;
        }

        await using var app = BuildApp(options, issuer);
        try
        {
            await app.StartAsync();
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"idp: cannot listen: {ex.Message}");
            return 1;
        }

        Console.WriteLine($"listening {options.Authority} idp: issuer {options.Issuer}, client {options.ClientId}, redirect {string.Join(", ", options.RedirectUris)}");
        Console.WriteLine($"ready: {options.Authority}/.well-known/openid-configuration");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static WebApplication BuildApp(IdpOptions options, DemoIssuer issuer)
    {
        var builder = DemoHost.CreateBuilder(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var codes = new AuthorizationCodes(TimeProvider.System);
        app.UseConsoleCors(options.ConsoleOrigin);

        app.MapGet("/healthz", () => Results.Json(new { status = "ok" }));
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new
        {
            issuer = options.Issuer,
            authorization_endpoint = options.Authority + "/authorize",
            token_endpoint = options.Authority + "/token",
            jwks_uri = options.Authority + "/.well-known/jwks.json",
            response_types_supported = new[] { "code" },
            response_modes_supported = new[] { "query" },
            grant_types_supported = new[] { "authorization_code" },
            subject_types_supported = new[] { "public" },
            id_token_signing_alg_values_supported = new[] { "ES256" },
            code_challenge_methods_supported = new[] { "S256" },
            token_endpoint_auth_methods_supported = new[] { "none" },
            scopes_supported = new[] { "openid", "profile" },
            claims_supported = new[] { "sub", "name", "org", "org_kind", "district" },
        }));
        app.MapGet("/.well-known/jwks.json", () => Results.Json(issuer.Jwks));
        app.MapGet("/authorize", (HttpContext http) => Authorize(http, options, codes, organization: null));
        app.MapPost("/authorize", (Func<HttpContext, Task<IResult>>)(async http =>
        {
            if (!http.Request.HasFormContentType)
            {
                return Page(http, StatusCodes.Status400BadRequest, AuthorizePage.Error("invalid_request", "The picker posts a form."), null);
            }

            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            return Authorize(http, options, codes, form["org"] is { Count: 1 } org ? org[0] : "", form.TryGetValue);
        }));
        // Typed as a handler with a result (a lambda of HttpContext alone would bind as a RequestDelegate and drop it).
        app.MapPost("/token", (Func<HttpContext, Task<IResult>>)(http => TokenEndpoint.HandleAsync(http, options, issuer, codes, TimeProvider.System)));
        return app;
    }

    /// <summary>
    /// An authorization request: shown the picker (GET) or, with the organization picked (POST), sent back to the
    /// client with a code. A request not from the registered client and redirect URI is answered here and goes nowhere.
    /// </summary>
    private static IResult Authorize(HttpContext http, IdpOptions options, AuthorizationCodes codes, string? organization,
        TryRead? read = null)
    {
        var request = read is null
            ? AuthorizeRequest.From(n => http.Request.Query[n], out var duplicate)
            : AuthorizeRequest.From(n => read(n, out var v) ? v : default, out duplicate);
        if (!request.IsFor(options))
        {
            return Page(http, StatusCodes.Status400BadRequest, AuthorizePage.Error("invalid_client", "Unknown client_id, or a redirect_uri not registered for it."), null);
        }

        if (request.Problem(duplicate) is var (error, description))
        {
            return Results.Redirect(Back(request, new() { ["error"] = error, ["error_description"] = description }));
        }

        if (organization is null)
        {
            return Page(http, StatusCodes.Status200OK, AuthorizePage.Picker(request), request.RedirectUri);
        }

        if (AuthorizePage.Selectable.FirstOrDefault(o => o.Id == organization) is not { } picked)
        {
            return Page(http, StatusCodes.Status400BadRequest, AuthorizePage.Error("invalid_request", "Pick one of the organizations listed."), null);
        }

        // 303: the browser follows a POST's redirect with a GET, as the redirect URI expects.
        http.Response.Headers.Location = Back(request, new() { ["code"] = codes.Issue(picked, request) });
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }

    private delegate bool TryRead(string name, out Microsoft.Extensions.Primitives.StringValues value);

    /// <summary>The registered redirect URI with the answer and the client's state added to its query.</summary>
    private static string Back(AuthorizeRequest request, Dictionary<string, string?> answer)
    {
        if (request.State is not null)
        {
            answer["state"] = request.State;
        }

        return QueryHelpers.AddQueryString(request.RedirectUri, answer);
    }

    /// <summary>
    /// An HTML page, locked down: no script at all, styles only inline, framed by no one, and its form may post only
    /// here and be redirected only to the registered redirect URI's origin (Chromium applies form-action to redirects).
    /// </summary>
    private static IResult Page(HttpContext http, int status, string html, string? redirectUri)
    {
        var formTargets = redirectUri is null ? "'self'" : $"'self' {new Uri(redirectUri).GetLeftPart(UriPartial.Authority)}";
        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = $"default-src 'none'; style-src 'unsafe-inline'; form-action {formTargets}; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
