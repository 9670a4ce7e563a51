using DataGateway.Gateway.CatalogSync;
using DataGateway.Gateway.Metering;
using Microsoft.Extensions.Options;
using DataGateway.Resilience;
using Npgsql;

namespace DataGateway.Gateway.Hosting;

/// <summary>
/// <c>/healthz</c>: the process is alive. <c>/readyz</c>: the gateway can serve calls and account for them — a
/// catalog is loaded, and each call's ledger record has somewhere durable to go: PostgreSQL answers, or the local
/// journal can be written (it carries the ledger through a database outage). The answer names both, so a degraded
/// replica (serving from its journal) shows as such while it stays in rotation.
/// </summary>
internal static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public static IEndpointRouteBuilder MapGatewayHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" }));
        app.MapGet("/readyz", ReadyAsync);
        return app;
    }

    private static async Task<IResult> ReadyAsync(CatalogSnapshotHolder holder, NpgsqlDataSource db, IOptions<LedgerOptions> ledger, CancellationToken cancellationToken)
    {
        if (!holder.IsLoaded)
        {
            return NotReady("catalog_not_loaded");
        }

        var database = await DatabaseAnswersAsync(db, cancellationToken) ? "reachable" : "unreachable";
        var journal = !ledger.Value.Enabled ? "off" : JournalWritable(ledger.Value.JournalDirectory) ? "writable" : "not_writable";
        if (database != "reachable" && journal != "writable")
        {
            return NotReady("ledger_unavailable", database, journal);
        }

        return Results.Ok(new { status = "ready", catalogVersion = holder.Current.Version, loadedAt = holder.LoadedAt, database, journal });
    }

    private static async Task<bool> DatabaseAnswersAsync(NpgsqlDataSource db, CancellationToken cancellationToken)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ProbeTimeout);
            await using var command = db.CreateCommand("select 1");
            await command.ExecuteScalarAsync(timeout.Token);
            return true;
        }
        catch (Exception ex) when (DatabaseFaults.IsDatabaseError(ex))
        {
            // Away or refusing: either way the ledger cannot rely on it now.
            return false;
        }
    }

    /// <summary>Creates and removes a probe file: the journal's directory exists and takes new files.</summary>
    private static bool JournalWritable(string directory)
    {
        var probe = Path.Combine(directory, $".ready-probe-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(directory);
            using (var file = new FileStream(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose))
            {
                file.WriteByte(0);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static IResult NotReady(string code, string? database = null, string? journal = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (database is not null)
        {
            extensions["database"] = database;
            extensions["journal"] = journal;
        }

        return Results.Problem(statusCode: 503, title: Problems.GatewayMessages.Get(code), detail: Problems.GatewayMessages.Get(code + ".detail"), extensions: extensions);
    }
}
