using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Returns.Jobs;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Returns;

/// <summary>
/// Return schedules (admins): a dataset pushed again every so often, by the same request an admin would make; each
/// due run starts a job unless the dataset's last one is still unfinished.
/// </summary>
public static class ReturnSchedulesApi
{
    public const int MinEveryMinutes = 5;
    public const int MaxEveryMinutes = 44_640;

    public static IEndpointRouteBuilder MapReturnSchedulesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/returns/schedules").WithTags("Returns").RequireAdmin();
        group.MapGet("/", List).WithPaging().WithSummary("列出定时返还 List return schedules");
        group.MapGet("/{dataset}", Get).WithSummary("读取定时返还 Read a dataset's return schedule").RefusesMissing();
        group.MapPut("/{dataset}", Put).WithSummary("设置定时返还 Schedule a dataset's returns")
            .WithDescription("每 everyMinutes 分钟按同一请求发起一次返还。Starts the same return every everyMinutes minutes.")
            .RefusesMissing().Refuses(StatusCodes.Status409Conflict, CatalogProblems.ReturnNotApplicable);
        group.MapDelete("/{dataset}", Delete).WithSummary("取消定时返还 Stop a dataset's scheduled returns").RefusesMissing();
        return app;
    }

    public static async Task<Ok<ReturnSchedule[]>> List(HttpContext http, ReturnScheduleStore store, CancellationToken cancellationToken)
    {
        var page = ListPaging.Requested(http);
        var (schedules, total) = await store.ListAsync((int)page.Offset, page.Size, cancellationToken);
        ListPaging.WriteHeaders(http, page, total);
        return TypedResults.Ok(schedules.ToArray());
    }

    public static async Task<Results<Ok<ReturnSchedule>, ProblemHttpResult>> Get(string dataset, ReturnScheduleStore store, CancellationToken cancellationToken) =>
        await store.FindAsync(dataset, cancellationToken) is { } schedule ? TypedResults.Ok(schedule) : CatalogProblems.Missing("return_schedule", dataset);

    public static async Task<Results<Ok<ReturnSchedule>, ProblemHttpResult, ValidationProblem>> Put(
        string dataset, ReturnScheduleBody body, HttpContext http, CatalogWriter db, ReturnJobStore jobs, ReturnScheduleStore store, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var validation = new Validation();
        if (body.EveryMinutes is not (>= MinEveryMinutes and <= MaxEveryMinutes))
        {
            validation.Add("everyMinutes", CatalogMessages.Get("validation.every_minutes", MinEveryMinutes, MaxEveryMinutes));
        }

        if (body.FirstRunAt is { } first && first < now)
        {
            validation.Add("firstRunAt", CatalogMessages.Get("validation.first_run_at"));
        }

        // The very checks a run makes, now: a schedule that could never start a job is refused when it is set.
        await using (var session = db.Query())
        {
            var request = await ReturnRequest.ReadAsync(new ReturnBody(dataset, body.Mode, body.WatermarkField, body.Districts, body.PageSize), session, jobs, cancellationToken);
            if (request.Refusal is { } refusal)
            {
                return refusal;
            }

            if (request.Invalid is { } invalid)
            {
                foreach (var (member, messages) in invalid.ProblemDetails.Errors)
                {
                    foreach (var message in messages)
                    {
                        validation.Add(member, message);
                    }
                }
            }
        }

        if (!validation.IsValid)
        {
            return CatalogProblems.Validation(validation.Errors);
        }

        var schedule = new ReturnSchedule(
            dataset, body.Mode ?? ReturnModes.Full, body.WatermarkField, body.Districts, body.PageSize, body.EveryMinutes!.Value,
            body.FirstRunAt ?? now.AddMinutes(body.EveryMinutes.Value), null, null, null, http.Caller().OrganizationId, now);
        await store.SaveAsync(schedule, cancellationToken);
        return TypedResults.Ok((await store.FindAsync(dataset, cancellationToken))!);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string dataset, ReturnScheduleStore store, CancellationToken cancellationToken) =>
        await store.DeleteAsync(dataset, cancellationToken) ? TypedResults.NoContent() : CatalogProblems.Missing("return_schedule", dataset);
}

/// <summary>A schedule: the return request (as for <c>POST /v1/returns</c>) and how often; the first run at <paramref name="FirstRunAt"/>, or one interval from now.</summary>
public sealed record ReturnScheduleBody(string? Mode, string? WatermarkField, string[]? Districts, int? PageSize, int? EveryMinutes, DateTimeOffset? FirstRunAt);
