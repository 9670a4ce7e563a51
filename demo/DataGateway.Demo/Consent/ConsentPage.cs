using System.Net;

namespace DataGateway.Demo.Consent;

/// <summary>
/// The page where a data subject confirms a consent (the part of 随申办's authorization page the demo needs): a form,
/// then the signed consent with a button to withdraw it. No script; the same locked-down headers as the demo
/// identity provider's picker.
/// </summary>
internal static class ConsentPage
{
    public static string Form(TimeSpan maxLifetime) => $"""
        <h1>持证主体授权</h1>
        <p>授权以下运营机构在所述场景下使用您的数据（演示：无需登录）。</p>
        <form method="post" action="/">
          <label>持证主体（如身份证号）<input name="subject" required maxlength="128"></label>
          <label>运营机构<input name="operator" value="op-bank" required maxlength="64"></label>
          <label>数据资源<input name="dataset" value="vaccinations" required maxlength="64"></label>
          <label>应用场景<input name="scenario" required maxlength="200"></label>
          <label>字段（逗号分隔）<input name="fields" required></label>
          <label>有效天数（1–{(int)maxLifetime.TotalDays}）<input name="days" value="30" inputmode="numeric"></label>
          <button type="submit">确认授权</button>
        </form>
        """;

    public static async Task<IResult> ConfirmAsync(HttpContext http, ConsentIssuerOptions options, ConsentSigner signer)
    {
        if (!http.Request.HasFormContentType)
        {
            return Html("<p>请使用页面上的表单。</p>", StatusCodes.Status400BadRequest);
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        string? One(string name) => form[name] is { Count: 1 } v ? v[0]?.Trim() : null;
        int? days = int.TryParse(One("days"), out var d) ? d : null;
        var request = new ConsentRequest(One("subject"), One("operator"), One("dataset"), One("scenario"),
            One("fields")?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries), days);
        if (request.Problem(options.MaxLifetime) is { } problem)
        {
            return Html($"<p>{Encode(ConsentIssuerMessages.Get(problem, (int)options.MaxLifetime.TotalDays))}</p>" + Form(options.MaxLifetime), StatusCodes.Status400BadRequest);
        }

        var issued = signer.Issue(request, TimeSpan.FromDays(days ?? 30));
        return Html($"""
            <h1>已授权</h1>
            <p>授权编号 {Encode(issued.Id)}，有效至 {issued.ExpiresAt:yyyy-MM-dd HH:mm} (UTC)。请将下面的授权凭证交给运营机构（请求头 X-Consent-Token）。</p>
            <textarea readonly rows="6" cols="80">{Encode(issued.Token)}</textarea>
            <form method="post" action="/consents/{Encode(issued.Id)}/withdraw"><button type="submit">撤回授权</button></form>
            """);
    }

    public static IResult Html(string body, int status = StatusCodes.Status200OK) => new LockedDownHtml(
        $"<!doctype html><html lang=\"zh-CN\"><meta charset=\"utf-8\"><title>持证主体授权（演示）</title>"
        + "<style>body{font-family:sans-serif;max-width:44rem;margin:2rem auto}label{display:block;margin:.5rem 0}input{margin-left:.5rem}</style>"
        + $"<body>{body}</body></html>", status);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    private sealed class LockedDownHtml(string html, int status) : IResult
    {
        public Task ExecuteAsync(HttpContext http)
        {
            var headers = http.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            headers.CacheControl = "no-store";
            return Results.Content(html, "text/html; charset=utf-8", statusCode: status).ExecuteAsync(http);
        }
    }
}
