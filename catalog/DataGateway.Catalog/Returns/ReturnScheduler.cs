using DataGateway.Catalog.Hosting;
using DataGateway.Catalog.Observability;
using DataGateway.Resilience;
using DataGateway.Returns.Jobs;
using Microsoft.Extensions.Options;

namespace DataGateway.Catalog.Returns;

/// <summary>
/// Starts the jobs of due return schedules. Every catalog replica runs one; a due schedule is taken by one of them only
/// (locked with <c>for update skip locked</c>), and a run whose dataset still has an unfinished job starts none and
/// says so on the schedule (<c>lastErrorCode</c>) rather than push twice.
/// </summary>
internal sealed partial class ReturnScheduler(
    ReturnScheduleStore schedules, ReturnStarter starter, IOptions<CatalogOptions> options, TimeProvider time, ILogger<ReturnScheduler> logger) : BackgroundService
{
    public const string RequestedBy = "schedule";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await schedules.RunDueAsync(time.GetUtcNow(), RunAsync, stoppingToken);
            }
            catch (Exception e) when (DatabaseFaults.IsDatabaseError(e, stoppingToken))
            {
                LogFailed(logger, e.Message);
            }

            try
            {
                await Task.Delay(options.Value.ReturnSchedulePoll, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        async Task<(Guid?, string?)> RunAsync(ReturnSchedule schedule)
        {
            var outcome = await starter.StartAsync(
                new ReturnBody(schedule.Dataset, schedule.Mode, schedule.WatermarkField, schedule.Districts, schedule.PageSize), RequestedBy, stoppingToken);
            LogRun(logger, schedule.Dataset, outcome.Job?.Id, outcome.Code);
            return (outcome.Job?.Id, outcome.Code);
        }
    }

    [LoggerMessage(EventId = EventIds.ReturnScheduleRun, Level = LogLevel.Information, Message = "Return schedule of {Dataset}: job {JobId} started (refused: {Code})")]
    private static partial void LogRun(ILogger logger, string dataset, Guid? jobId, string? code);

    [LoggerMessage(EventId = EventIds.ReturnScheduleFailed, Level = LogLevel.Warning, Message = "Return schedules could not be read; trying again: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
