using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using DataGateway.Demo.Seed;

namespace DataGateway.Demo.Idp;

/// <summary>
/// The sign-in page of the demo provider, in Chinese: the demo city's organizations grouped by kind, one button each,
/// in a form that posts the authorization request back with the one picked. Server-rendered, every value
/// HTML-encoded, no script and nothing loaded from elsewhere.
/// </summary>
internal static class AuthorizePage
{
    /// <summary>The kinds a person signs in as, in the order shown, with their headings.</summary>
    public static readonly (string Kind, string Title)[] Kinds =
    [
        ("admin", "大数据中心管理员"),
        ("district", "区政府"),
        ("operator", "持牌运营机构"),
        ("department", "数据提供部门"),
    ];

    // Chinese kept as it is (the default encoder writes every CJK character as an entity), markup characters encoded.
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private const string Style =
        "body{font-family:system-ui,\"PingFang SC\",\"Microsoft YaHei\",\"Noto Sans CJK SC\",sans-serif;margin:0;background:#f5f7fa;color:#303133}" +
        "main{max-width:960px;margin:24px auto;padding:0 16px}h1{font-size:22px}h2{font-size:16px;margin:20px 0 8px}" +
        ".orgs{display:flex;flex-wrap:wrap;gap:8px}button{font:inherit;padding:8px 12px;border:1px solid #dcdfe6;border-radius:4px;background:#fff;cursor:pointer;text-align:left}" +
        "button:hover,button:focus{border-color:#409eff;outline:2px solid #409eff}small{display:block;color:#909399}.note{color:#606266}.error{color:#f56c6c}";

    /// <summary>The organizations to pick from (the OPA sidecar's bundle reader is no one to sign in as).</summary>
    public static IEnumerable<DemoOrganizations.DemoOrganization> Selectable =>
        DemoOrganizations.All.Where(o => Kinds.Any(k => k.Kind == o.Kind));

    public static string Picker(AuthorizeRequest request)
    {
        var body = new StringBuilder();
        body.Append("<h1>演示统一身份认证 · 选择登录机构</h1>");
        body.Append("<p class=\"note\">这是演示用的身份提供方：选择一个机构，即以该机构的身份登录管理控制台。</p>");
        body.Append("<form method=\"post\" action=\"/authorize\">");
        foreach (var name in AuthorizeRequest.Names)
        {
            var value = Value(request, name);
            if (value is not null)
            {
                body.Append($"<input type=\"hidden\" name=\"{name}\" value=\"{Html.Encode(value)}\">");
            }
        }

        foreach (var (kind, title) in Kinds)
        {
            body.Append($"<section data-test=\"kind-{kind}\"><h2>{Html.Encode(title)}</h2><div class=\"orgs\">");
            foreach (var organization in Selectable.Where(o => o.Kind == kind))
            {
                body.Append($"<button type=\"submit\" name=\"org\" value=\"{Html.Encode(organization.Id)}\" data-test=\"org-{Html.Encode(organization.Id)}\">")
                    .Append($"{Html.Encode(organization.Name)}<small>{Html.Encode(organization.Id)}</small></button>");
            }

            body.Append("</div></section>");
        }

        body.Append("</form>");
        return Document("选择登录机构", body.ToString());
    }

    /// <summary>A request that cannot be sent back to its client (unknown client or redirect URI) is answered here.</summary>
    public static string Error(string error, string description) => Document(
        "无法登录",
        $"<h1>无法登录</h1><p class=\"error\" data-test=\"error\">登录请求无效：{Html.Encode(error)}</p><p class=\"note\" lang=\"en\">{Html.Encode(description)}</p>");

    private static string Document(string title, string body) =>
        $"<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
        $"<title>{Html.Encode(title)} · 演示统一身份认证</title><style>{Style}</style></head><body><main>{body}</main></body></html>";

    private static string? Value(AuthorizeRequest request, string name) => name switch
    {
        "client_id" => request.ClientId,
        "redirect_uri" => request.RedirectUri,
        "response_type" => request.ResponseType,
        "scope" => request.Scope,
        "state" => request.State,
        "code_challenge" => request.CodeChallenge,
        "code_challenge_method" => request.CodeChallengeMethod,
        "nonce" => request.Nonce,
        _ => null,
    };
}
