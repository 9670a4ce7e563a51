using System.Text.RegularExpressions;
using DataGateway.Catalog.Problems;
using DataGateway.Policy.Model;
using static DataGateway.Catalog.Problems.CatalogProblems;

namespace DataGateway.Catalog.LandingZones;

/// <summary>
/// Checks a landing zone's body: every problem has a code of its own and names its member, so a client can tell a
/// missing secret name from a reserved header without reading the text. All of them are reported at once.
/// </summary>
/// <remarks>
/// The URL is taken only in the form the worker will call (<see cref="Uri.AbsoluteUri"/>), so what a view shows is
/// what receives the rows. Credentials never travel in it: user info and queries are refused (the secret goes by
/// <c>secretRef</c>), and plain http only to loopback unless operations allow it.
/// </remarks>
public static partial class LandingZoneValidator
{
    public const int MaxUrlLength = 2048;
    public const int MaxHeaderLength = 64;
    public const int MinBatchSize = 1;
    public const int MaxBatchSize = 10_000;
    public const int DefaultBatchSize = 1000;

    /// <summary>
    /// Headers the secret cannot go in: those the worker sets itself for each batch (its content, its id, the trace),
    /// the credentials of kind <c>bearer</c>, and the hop-by-hop and framing headers a proxy or the HTTP stack owns.
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedHeaders = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Content-Encoding", "Transfer-Encoding", "Connection", "Keep-Alive",
        "Proxy-Connection", "Proxy-Authorization", "Proxy-Authenticate", "TE", "Trailer", "Upgrade", "Expect",
        "Authorization", "Accept", "Accept-Encoding", "Date", "User-Agent", "Forwarded", "Via", "Max-Forwards",
        "traceparent", "tracestate", "baggage", "X-Request-Id", "Idempotency-Key",
    };

    /// <summary>Prefixes of headers the platform and proxies set: <c>X-DataGateway-*</c> (who asks, which batch) and <c>X-Forwarded-*</c>.</summary>
    private static readonly string[] ReservedPrefixes = ["X-DataGateway-", "X-Forwarded-"];

    [GeneratedRegex("^[!#$%&'*+\\-.^_`|~0-9A-Za-z]+$")]
    private static partial Regex HttpToken();

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]{0,62}$")]
    private static partial Regex SecretName();

    /// <summary>The zone the body describes, or every issue it has (then the input is null).</summary>
    public static (LandingZoneInput? Input, IReadOnlyList<LandingZoneIssue> Issues) Validate(LandingZoneBody body, bool allowHttp)
    {
        var issues = new List<LandingZoneIssue>();
        var url = Url(body.Url, allowHttp, issues);
        var kind = Auth(body.Auth, issues);
        var batchSize = body.BatchSize ?? DefaultBatchSize;
        if (batchSize is < MinBatchSize or > MaxBatchSize)
        {
            issues.Add(Issue(LandingBatchSizeOutOfRange, "batchSize", MinBatchSize, MaxBatchSize, DefaultBatchSize));
        }

        return issues.Count > 0 || url is null || kind is null
            ? (null, issues)
            : (new LandingZoneInput(url, kind.Value, body.Auth!.Header, body.Auth.SecretRef, batchSize), issues);
    }

    private static string? Url(string? text, bool allowHttp, List<LandingZoneIssue> issues)
    {
        if (text is { Length: > MaxUrlLength })
        {
            issues.Add(Issue(LandingUrlTooLong, "url", MaxUrlLength));
            return null;
        }

        // Uri.TryCreate trims blanks around the text; a URL is taken only as it is written.
        if (string.IsNullOrEmpty(text) || text.Trim() != text
            || !Uri.TryCreate(text, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || uri.Host.Length == 0)
        {
            issues.Add(Issue(LandingUrlInvalid, "url"));
            return null;
        }

        // Read from the text, not the parsed form: "http://@host/" parses with no user info, "https://h/?" with no query.
        var issuesBefore = issues.Count;
        if (Authority(text).Contains('@', StringComparison.Ordinal) || uri.UserInfo.Length > 0)
        {
            issues.Add(Issue(LandingUrlUserInfo, "url"));
        }

        if (text.Contains('?', StringComparison.Ordinal))
        {
            issues.Add(Issue(LandingUrlQuery, "url"));
        }

        if (text.Contains('#', StringComparison.Ordinal))
        {
            issues.Add(Issue(LandingUrlFragment, "url"));
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback && !allowHttp)
        {
            issues.Add(Issue(LandingUrlHttpsRequired, "url", uri.Host));
        }

        return issues.Count == issuesBefore ? uri.AbsoluteUri : null;
    }

    /// <summary>The text between the scheme's <c>//</c> and the path, where user info would be.</summary>
    private static string Authority(string url)
    {
        var start = url.IndexOf("//", StringComparison.Ordinal) is >= 0 and var at ? at + 2 : 0;
        var end = url.IndexOfAny(['/', '\\', '?', '#'], start);
        return end < 0 ? url[start..] : url[start..end];
    }

    private static LandingAuthKind? Auth(LandingAuthBody? auth, List<LandingZoneIssue> issues)
    {
        if (auth is null || !Store.Snapshots.CatalogText.TryParseAuthKind(auth.Kind, out var kind))
        {
            issues.Add(Issue(LandingAuthKindInvalid, auth is null ? "auth" : "auth.kind"));
            return null;
        }

        if (kind == LandingAuthKind.Header)
        {
            Header(auth.Header, issues);
        }
        else if (auth.Header is not null)
        {
            issues.Add(Issue(LandingHeaderUnexpected, "auth.header", auth.Kind));
        }

        if (kind == LandingAuthKind.None)
        {
            if (auth.SecretRef is not null)
            {
                issues.Add(Issue(LandingSecretRefUnexpected, "auth.secretRef"));
            }
        }
        else if (auth.SecretRef is null)
        {
            issues.Add(Issue(LandingSecretRefRequired, "auth.secretRef", auth.Kind));
        }
        else if (!SecretName().IsMatch(auth.SecretRef))
        {
            issues.Add(Issue(LandingSecretRefInvalid, "auth.secretRef"));
        }

        return kind;
    }

    private static void Header(string? name, List<LandingZoneIssue> issues)
    {
        if (name is not { Length: > 0 and <= MaxHeaderLength } || !HttpToken().IsMatch(name))
        {
            issues.Add(Issue(LandingHeaderInvalid, "auth.header", MaxHeaderLength));
        }
        else if (ReservedHeaders.Contains(name) || ReservedPrefixes.Any(p => name.StartsWith(p, StringComparison.OrdinalIgnoreCase)))
        {
            issues.Add(Issue(LandingHeaderReserved, "auth.header", name));
        }
    }

    private static LandingZoneIssue Issue(string code, string member, params object?[] args) =>
        new(code, member, CatalogMessages.Get(code + ".detail", args));
}
