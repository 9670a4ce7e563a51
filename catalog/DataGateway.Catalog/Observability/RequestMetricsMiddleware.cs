using System.Diagnostics;
using Microsoft.AspNetCore.Http.Metadata;

namespace DataGateway.Catalog.Observability;

/// <summary>
/// Times every request for <c>http_server_request_duration_seconds</c> (<see cref="CatalogMetrics"/>). First in the
/// pipeline, so the time and the status are those of the whole answer, the exception handler's included.
/// </summary>
internal sealed class RequestMetricsMiddleware(RequestDelegate next)
{
    /// <summary>The methods that name themselves; any other is counted as <c>_OTHER</c>, as ASP.NET Core does.</summary>
    private static readonly HashSet<string> KnownMethods = new(
        [HttpMethods.Connect, HttpMethods.Delete, HttpMethods.Get, HttpMethods.Head, HttpMethods.Options, HttpMethods.Patch,
         HttpMethods.Post, HttpMethods.Put, HttpMethods.Trace],
        StringComparer.Ordinal);

    public async Task Invoke(HttpContext context)
    {
        var started = Stopwatch.GetTimestamp();
        var errorType = "";
        try
        {
            await next(context);
        }
        catch (Exception ex)
        {
            // An exception after the answer began (a CSV export cut short) leaves the status sent; before, the server answers 500.
            errorType = ex.GetType().FullName ?? ex.GetType().Name;
            throw;
        }
        finally
        {
            var status = errorType.Length > 0 && !context.Response.HasStarted ? StatusCodes.Status500InternalServerError : context.Response.StatusCode;
            CatalogMetrics.RequestCompleted(Route(context), Method(context.Request.Method), status, errorType, Stopwatch.GetElapsedTime(started).TotalSeconds);
        }
    }

    /// <summary>The matched route's template, as ASP.NET Core reports it; never the path itself.</summary>
    private static string Route(HttpContext context)
    {
        var endpoint = context.GetEndpoint();
        return endpoint?.Metadata.GetMetadata<IRouteDiagnosticsMetadata>()?.Route ?? (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "";
    }

    private static string Method(string method)
    {
        // Case-insensitive, as ASP.NET Core's own histogram counts them: "get" is counted as GET, "FOO" as _OTHER.
        var canonical = HttpMethods.GetCanonicalizedValue(method);
        return KnownMethods.Contains(canonical) ? canonical : "_OTHER";
    }
}
