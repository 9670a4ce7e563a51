using System.Security.Cryptography;
using DataGateway.Resilience;
using DataGateway.Returns.Running;
using Microsoft.Extensions.Options;
using Npgsql;

namespace DataGateway.Returns.Worker.Hosting;

/// <summary>
/// Claims one job at a time and runs it; looks again every <see cref="ReturnWorkerSettings.PollInterval"/> when there
/// is none. On SIGTERM the run is cancelled where it stands: the batch in flight stays recorded as sent, and whichever
/// worker claims the job next sends it again with the same id, then goes on from the checkpoint.
/// </summary>
internal sealed partial class ReturnWorkerService(
    NpgsqlDataSource dataSource, ReturnRunner runner, WorkerIdentity identity, IOptions<ReturnWorkerSettings> options, TimeProvider time, ILogger<ReturnWorkerService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        LogReady(logger, identity.Name);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var claim = await JobClaim.TryClaimAsync(dataSource, identity.Name, time.GetUtcNow(), stoppingToken);
                if (claim is not null)
                {
                    await runner.RunAsync(claim.Job, stoppingToken);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (DatabaseFaults.IsDatabaseError(e))
            {
                LogDatabaseAway(logger, e.Message);
            }

            try
            {
                await Task.Delay(settings.PollInterval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Returns worker {Worker} ready: looking for return jobs")]
    private static partial void LogReady(ILogger logger, string worker);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Warning, Message = "PostgreSQL is away; the returns worker tries again: {Reason}")]
    private static partial void LogDatabaseAway(ILogger logger, string reason);
}

/// <summary>
/// This process's name in <c>return_jobs.worker</c>: the instance name and a random suffix, so that two workers
/// started with the same name (two processes on one host) still fence each other's writes.
/// </summary>
internal sealed class WorkerIdentity(IOptions<ReturnWorkerSettings> options)
{
    public string Name { get; } = $"{options.Value.InstanceName}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}";
}
