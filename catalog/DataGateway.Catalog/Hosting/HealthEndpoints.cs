using DataGateway.Catalog.Problems;
using DataGateway.Resilience;
using Npgsql;

namespace DataGateway.Catalog.Hosting;

/// <summary><c>/healthz</c>: the process is alive. <c>/readyz</c>: it can serve, i.e. the database answers.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).ExcludeFromDescription();
        app.MapGet("/readyz", async (NpgsqlDataSource db, CancellationToken cancellationToken) =>
        {
            try
            {
                // Bounded, so a database that hangs rather than refuses still turns the probe red in time.
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                await using var command = db.CreateCommand(Store.Documents.CatalogVersion.Sql);
                var version = (long)(await command.ExecuteScalarAsync(timeout.Token))!;
                return (IResult)TypedResults.Ok(new { status = "ready", catalogVersion = version });
            }
            catch (Exception ex) when (DatabaseFaults.IsDatabaseError(ex))
            {
                // Away or refusing the query: not ready either way.
                return CatalogProblems.Problem(StatusCodes.Status503ServiceUnavailable, "database_unavailable", CatalogMessages.Get("database_unavailable.detail"));
            }
        }).ExcludeFromDescription();
        return app;
    }
}
