using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace DataGateway.Common.Hosting;

/// <summary>
/// The request-size limits of both services, enforced by <see cref="RequestLimitsMiddleware"/> so that a refusal is
/// problem+json with a code and the request id like every other answer.
/// </summary>
/// <remarks>
/// Kestrel answers a request beyond its own limits itself, before any middleware runs, with an empty body (and it does
/// the same for a request line or header it cannot parse, or a Transfer-Encoding whose last coding is not chunked:
/// nothing in ASP.NET Core lets an application write those answers). Kestrel's limits are therefore raised to a
/// multiple of the ones enforced here: a request between the two gets the usual answer from the middleware, and only
/// one far beyond them (or unparseable) still gets Kestrel's empty one. The enforced values are Kestrel's defaults.
/// </remarks>
public static class EdgeLimits
{
    public const int MaxHeaderCount = 100;
    public const int MaxHeaderBytes = 32 * 1024;
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>Kestrel's own limits: past these, it answers with an empty body (see remarks).</summary>
    private const int KestrelHeaderCount = 4 * MaxHeaderCount;
    private const int KestrelHeaderBytes = 8 * MaxHeaderBytes;
    private const int KestrelRequestLineBytes = 8 * MaxTargetBytes;

    public static IWebHostBuilder ConfigureEdgeLimits(this IWebHostBuilder builder) =>
        builder.ConfigureKestrel(k => Apply(k.Limits));

    internal static void Apply(KestrelServerLimits limits)
    {
        limits.MaxRequestHeaderCount = KestrelHeaderCount;
        limits.MaxRequestHeadersTotalSize = KestrelHeaderBytes;
        limits.MaxRequestLineSize = KestrelRequestLineBytes;
    }
}
