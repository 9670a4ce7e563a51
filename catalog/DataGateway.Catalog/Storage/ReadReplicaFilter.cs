using DataGateway.Catalog.Problems;
using DataGateway.Resilience;

namespace DataGateway.Catalog.Storage;

/// <summary>
/// On an endpoint that reads from <see cref="LedgerReadDataSource"/>: when that is a replica and the replica is away
/// (down, restarting, unreachable, or it cancelled the query for a conflict with recovery), the answer is 503
/// <c>read_replica_unavailable</c> with <c>Retry-After</c> rather than a 500; the primary, and every write, is untouched.
/// </summary>
/// <remarks>
/// Only a transient fault (<see cref="DatabaseFaults.IsTransient"/>): a refusal that would repeat (a missing table on a
/// replica of the wrong server, a bad password) stays a 500, since waiting will not mend it. Without a replica the
/// endpoints fail as they did before. Once a CSV export has sent bytes, the failure is the download's to handle
/// (<see cref="CsvDownload"/> aborts it) and is not turned into a problem here.
/// </remarks>
internal sealed partial class ReadReplicaFilter(LedgerReadDataSource reads, ILogger<ReadReplicaFilter> logger) : IEndpointFilter
{
    /// <summary>Seconds a client should wait: a standby restarting or catching up takes about that long.</summary>
    private const string RetryAfterSeconds = "5";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (Exception ex) when (reads.IsReplica && !http.Response.HasStarted && DatabaseFaults.IsTransient(ex, http.RequestAborted))
        {
            ReplicaUnavailable(logger, http.Request.Path, ex.GetType().Name);
            http.Response.Headers.RetryAfter = RetryAfterSeconds;
            return CatalogProblems.Problem(
                StatusCodes.Status503ServiceUnavailable, CatalogProblems.ReadReplicaUnavailable, CatalogMessages.Get("read_replica_unavailable.detail"));
        }
    }

    [LoggerMessage(EventId = Observability.EventIds.ReadReplicaUnavailable, Level = LogLevel.Warning,
        Message = "The read replica did not answer {Path} ({Error}): answered 503 read_replica_unavailable")]
    private static partial void ReplicaUnavailable(ILogger logger, string path, string error);
}
