using DataGateway.Common.Problems;
using Microsoft.AspNetCore.Http.Features;

namespace DataGateway.Gateway.Routing;

/// <summary>
/// Rejects request targets that two parsers could read differently before anything routes on them, so that the
/// path the policy decides on is the path the upstream receives. Encoded dots, slashes and backslashes, empty or
/// dot segments and control characters are refused with 400 <c>path_ambiguous</c>.
/// </summary>
internal sealed class PathGuardMiddleware(RequestDelegate next)
{
    public const string PathAmbiguous = "path_ambiguous";

    public Task Invoke(HttpContext context)
    {
        var raw = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var queryStart = raw.IndexOf('?');
        var path = queryStart >= 0 ? raw.AsSpan(0, queryStart) : raw.AsSpan();
        return IsAmbiguous(path)
            ? ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, PathAmbiguous, "The request path is ambiguous.",
                "Encoded dots, slashes or backslashes, empty segments and dot segments are not accepted in paths.")
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
            if (c is '\\' || char.IsControl(c))
            {
                return true;
            }

            if (c == '%')
            {
                // A malformed escape, or an escape of '.', '/', '\', NUL or '%' itself (a double encoding of any of those).
                if (i + 2 >= path.Length || !char.IsAsciiHexDigit(path[i + 1]) || !char.IsAsciiHexDigit(path[i + 2]))
                {
                    return true;
                }

                var encoded = path.Slice(i + 1, 2);
                if (encoded.Equals("2e", StringComparison.OrdinalIgnoreCase) || encoded.Equals("2f", StringComparison.OrdinalIgnoreCase)
                    || encoded.Equals("5c", StringComparison.OrdinalIgnoreCase) || encoded.Equals("00", StringComparison.Ordinal)
                    || encoded.Equals("25", StringComparison.Ordinal))
                {
                    return true;
                }
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
}
