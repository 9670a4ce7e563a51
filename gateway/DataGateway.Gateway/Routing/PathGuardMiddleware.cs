using System.Globalization;
using System.Text;
using DataGateway.Common.Problems;
using Microsoft.AspNetCore.Http.Features;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Routing;

/// <summary>
/// Rejects request targets that two parsers could read differently before anything routes on them, so that the
/// path the policy decides on is the path the upstream receives. Refused with 400 <c>path_ambiguous</c>: encoded
/// dots, slashes, backslashes, percent signs, '?' and '#'; path parameters (';' raw or encoded, which Tomcat- and
/// Spring-style servers strip, so <c>..;/</c> climbs out of the dataset); empty or dot segments; control characters
/// raw or encoded; raw non-ASCII; escapes that are not valid UTF-8 (overlong forms of '.' and '/', <c>%u</c>); and
/// characters that Unicode compatibility normalisation turns into one of those delimiters (fullwidth '．' '／' '；').
/// </summary>
internal sealed class PathGuardMiddleware(RequestDelegate next)
{
    /// <summary>What an escape, or a character's compatibility form, may not be: each means structure to some parser.</summary>
    private const string Delimiters = "./\\;%?#";

    public Task Invoke(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var queryStart = raw.IndexOf('?');
        var path = queryStart >= 0 ? raw.AsSpan(0, queryStart) : raw.AsSpan();
        return IsAmbiguous(path)
            ? ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, GatewayProblemCodes.PathAmbiguous, GatewayMessages.Get("path_ambiguous.detail"))
            : next(context);
    }

    internal static bool IsAmbiguous(ReadOnlySpan<char> path)
    {
        if (path.IsEmpty || path[0] != '/')
        {
            return true;
        }

        for (var i = 0; i < path.Length; i++)
        {
            var c = path[i];
            if (c is '\\' or ';' || char.IsControl(c) || c > '\x7e')
            {
                return true;
            }

            if (c == '%')
            {
                var end = i;
                while (end < path.Length && path[end] == '%')
                {
                    end += 3;
                }

                if (end > path.Length || !IsPlainEscapeRun(path[i..end]))
                {
                    return true;
                }

                i = end - 1;
            }
        }

        foreach (var range in path[1..].Split('/'))
        {
            var segment = path[1..][range];
            if (segment.IsEmpty ? range.Start.Value < path.Length - 1 : segment is "." or "..")
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A run of consecutive escapes (<c>%XX%XX…</c>) decodes to valid UTF-8 holding no delimiter or control character,
    /// not even after compatibility normalisation (NFKC, which some upstreams apply).
    /// </summary>
    private static bool IsPlainEscapeRun(ReadOnlySpan<char> run)
    {
        var bytes = new byte[run.Length / 3];
        for (var k = 0; k < bytes.Length; k++)
        {
            if (!byte.TryParse(run.Slice(k * 3 + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out bytes[k]))
            {
                return false;
            }
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return false;
        }

        foreach (var rune in Encoding.UTF8.GetString(bytes).EnumerateRunes())
        {
            if (Rune.IsControl(rune) || (rune.IsAscii ? Delimiters.Contains((char)rune.Value) : CompatibilityDelimiters.Contains(rune.Value)))
            {
                return false;
            }
        }

        return true;
    }
}
