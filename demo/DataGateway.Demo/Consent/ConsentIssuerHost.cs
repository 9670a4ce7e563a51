using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DataGateway.Common.Text;
using DataGateway.Demo.Idp;

namespace DataGateway.Demo.Consent;

/// <summary>
/// The <c>consent</c> command: the demo's consent issuer (持证主体授权), standing in for 随申办's authorization page, on
/// one loopback port until Ctrl-C or SIGTERM. Its own key's JWKS, <c>POST /consents</c> (issue; for scripts and
/// tests), <c>GET /consents/{id}</c>, <c>POST /consents/{id}/withdraw</c> (the subject withdraws: the issuer's
/// organization revokes the consent at the catalog), and a page at <c>/</c> where a subject confirms one.
/// </summary>
/// <remarks>
/// There is no sign-in: whoever reaches the loopback port speaks for any subject. A real issuer authenticates the
/// subject (随申办's real-name login) before it signs anything; the platform only trusts what it signs.
/// </remarks>
internal static class ConsentIssuerHost
{
    public static async Task<int> RunAsync(ConsentIssuerOptions options)
    {
        using var issuer = DemoIssuer.Load(options.KeyFile, options.Issuer, audience: "");
        if (issuer is null)
        {
            await Console.Error.WriteLineAsync($"consent: 没有签发方私钥 no consent key at {Path.GetFullPath(options.KeyFile)}; run the keys command first");
            return 1;
        }

        var signer = new ConsentSigner(issuer, TimeProvider.System);
        await using var app = BuildApp(options, signer);
        try
        {
            await app.StartAsync();
        }
        catch (IOException ex)
        {
            await Console.Error.WriteLineAsync($"consent: cannot listen: {ex.Message}");
            return 1;
        }

        Console.WriteLine($"listening {options.Address} consent issuer: issuer {options.Issuer}, kid {issuer.KeyId}, catalog {options.Catalog}");
        Console.WriteLine($"ready: {options.Address}/.well-known/jwks.json");
        await app.WaitForShutdownAsync();
        return 0;
    }

    private static WebApplication BuildApp(ConsentIssuerOptions options, ConsentSigner signer)
    {
        var builder = DemoHost.CreateBuilder(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddHttpClient();
        var app = builder.Build();
        app.UseMessageLanguage();
        app.MapGet("/healthz", (Func<IResult>)(() => Results.Json(new { status = "ok" })));
        app.MapGet("/.well-known/jwks.json", (Func<IResult>)(() => Results.Json(signer.Jwks)));
        app.MapPost("/consents", (Func<HttpContext, Task<IResult>>)(http => IssueAsync(http, options, signer)));
        app.MapGet("/consents/{id}", (HttpContext http) => Show(signer, IdOf(http)));
        app.MapPost("/consents/{id}/withdraw", (Func<HttpContext, Task<IResult>>)(http => WithdrawAsync(http, options, signer, IdOf(http))));
        app.MapGet("/", (Func<IResult>)(() => ConsentPage.Html(ConsentPage.Form(options.MaxLifetime))));
        app.MapPost("/", (Func<HttpContext, Task<IResult>>)(http => ConsentPage.ConfirmAsync(http, options, signer)));
        return app;
    }

    /// <summary>The route's consent id. Read from the route values: the 10.0 route-handler analyzer fails on a string parameter here.</summary>
    private static string IdOf(HttpContext http) => (string)http.GetRouteValue("id")!;

    private static IResult Show(ConsentSigner signer, string id) =>
        signer.Find(id) is { } issued ? Results.Json(View(issued)) : Error(StatusCodes.Status404NotFound, "consent_unknown");

    private static async Task<IResult> IssueAsync(HttpContext http, ConsentIssuerOptions options, ConsentSigner signer)
    {
        ConsentRequest? request;
        try
        {
            request = await JsonSerializer.DeserializeAsync<ConsentRequest>(http.Request.Body, ConsentRequest.Json, http.RequestAborted);
        }
        catch (JsonException)
        {
            request = null;
        }

        if (request is null)
        {
            return Error(StatusCodes.Status400BadRequest, "consent_body_invalid");
        }

        if (request.Problem(options.MaxLifetime) is { } problem)
        {
            return Error(StatusCodes.Status400BadRequest, problem, (int)options.MaxLifetime.TotalDays);
        }

        var issued = signer.Issue(request, request.Days is { } days ? TimeSpan.FromDays(days) : options.MaxLifetime);
        return Results.Json(View(issued), statusCode: StatusCodes.Status201Created);
    }

    /// <summary>
    /// The subject withdraws: the issuer's organization revokes the consent at the catalog, and the catalog's answer
    /// is passed back as it is (200 with the revocation, also for a second withdrawal).
    /// </summary>
    internal static async Task<IResult> WithdrawAsync(HttpContext http, ConsentIssuerOptions options, ConsentSigner signer, string id)
    {
        if (signer.Find(id) is not { } issued)
        {
            return Error(StatusCodes.Status404NotFound, "consent_unknown");
        }

        var reason = http.Request.ContentLength is > 0 or null && http.Request.HasJsonContentType()
            ? await ReadReasonAsync(http)
            : null;
        var client = http.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient();
        using var revoke = new HttpRequestMessage(HttpMethod.Post, new Uri(options.Catalog, $"/v1/consents/{Uri.EscapeDataString(id)}/revoke"))
        {
            Content = new StringContent(JsonSerializer.Serialize(new { reason = reason ?? "持证主体撤回授权 withdrawn by the data subject" }), Encoding.UTF8, "application/json"),
        };
        revoke.Headers.Authorization = new AuthenticationHeaderValue("Bearer", (await File.ReadAllTextAsync(options.CatalogTokenFile)).Trim());
        try
        {
            using var answer = await client.SendAsync(revoke, http.RequestAborted);
            var body = await answer.Content.ReadAsStringAsync(http.RequestAborted);
            if (answer.IsSuccessStatusCode)
            {
                issued.WithdrawnAt ??= DateTimeOffset.UtcNow;
            }

            return Results.Content(body, answer.Content.Headers.ContentType?.ToString() ?? "application/json", Encoding.UTF8, (int)answer.StatusCode);
        }
        catch (HttpRequestException)
        {
            return Error(StatusCodes.Status502BadGateway, "catalog_unreachable");
        }
    }

    private static async Task<string?> ReadReasonAsync(HttpContext http)
    {
        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("reason", out var reason)
                && reason.ValueKind == JsonValueKind.String ? reason.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static object View(IssuedConsent issued) => new
    {
        id = issued.Id,
        subject = issued.Subject,
        @operator = issued.Operator,
        dataset = issued.Dataset,
        scenario = issued.Scenario,
        fields = issued.Fields,
        issuedAt = issued.IssuedAt,
        expiresAt = issued.ExpiresAt,
        withdrawnAt = issued.WithdrawnAt,
        token = issued.Token,
    };

    private static IResult Error(int status, string code, params object?[] args) =>
        Results.Json(new { code, message = ConsentIssuerMessages.Get(code, args) }, statusCode: status);
}
