using System.Globalization;
using System.Text.RegularExpressions;
using DataGateway.Catalog.Datasets;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Datasets;
using DataGateway.Common;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Prices;

/// <summary>
/// A dataset's price schedule: any signed-in caller reads it (prices are published with the catalog); admins schedule
/// changes. Writing a dataset's prices through the dataset API or the CSV import changes them from now on; a change
/// scheduled here takes effect at its time, in every gateway, without a reload.
/// </summary>
/// <remarks>
/// Only the future can be scheduled. An entry in effect priced calls already in the ledger, and bills split those calls
/// by its revenue share: changing it would change what past calls meant.
/// </remarks>
public static partial class DatasetPricesApi
{
    /// <summary>An <c>effectiveFrom</c> in the past, or closer than <see cref="MinimumNotice"/>.</summary>
    public const string EffectiveTooEarly = CatalogProblems.PriceEffectiveTooEarly;

    /// <summary>
    /// How far ahead a change must lie. Gateways learn of it within a second and then apply it at its time; a change
    /// due sooner could reach a gateway late, and the calls in between would be charged a price the schedule says was over.
    /// </summary>
    public static readonly TimeSpan MinimumNotice = TimeSpan.FromMinutes(1);

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$")]
    private static partial Regex InstantWithOffset();

    public static IEndpointRouteBuilder MapDatasetPricesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/datasets/{code}/prices").WithTags("Prices");
        group.MapGet("/", List).WithSummary("数据集的价格表 A dataset's prices").RefusesMissing();
        group.MapPost("/", Schedule).RequireAdmin().WithSummary("调整价格 Schedule a price change").RefusesMissing().Refuses(400, EffectiveTooEarly);
        return app;
    }

    /// <summary><c>GET /v1/datasets/{code}/prices</c>: the schedule, oldest first, the entry in effect marked.</summary>
    public static async Task<Results<Ok<PriceScheduleView>, ProblemHttpResult>> List(string code, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var session = db.Query();
        var schedule = await PriceStore.ReadAsync(session, code, DateTimeOffset.UtcNow, cancellationToken);
        return schedule is null ? CatalogProblems.Missing("dataset", code) : TypedResults.Ok(schedule);
    }

    /// <summary>
    /// <c>POST /v1/datasets/{code}/prices</c>: schedules a change (or corrects the one scheduled at the same instant).
    /// One catalog event, so gateways load it long before it applies.
    /// </summary>
    public static async Task<Results<Created<PriceView>, ValidationProblem, ProblemHttpResult>> Schedule(
        string code, PriceBody body, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        Require(validation, "queryPrice", body.QueryPrice);
        Require(validation, "verifyPrice", body.VerifyPrice);
        Require(validation, "revenueShare", body.RevenueShare);
        DatasetValidator.ValidatePrice(validation, "queryPrice", body.QueryPrice);
        DatasetValidator.ValidatePrice(validation, "verifyPrice", body.VerifyPrice);
        DatasetValidator.ValidateShare(validation, "revenueShare", body.RevenueShare);
        var effectiveFrom = ParseInstant(body.EffectiveFrom);
        if (effectiveFrom is null)
        {
            validation.Add("effectiveFrom", CatalogMessages.Get("validation.effective_from"));
        }

        if (!validation.IsValid)
        {
            return CatalogProblems.Validation(validation.Errors);
        }

        var entry = new DatasetPrice(effectiveFrom!.Value, body.QueryPrice!.Value, body.VerifyPrice!.Value, body.RevenueShare!.Value);
        return await db.WriteAsync<Results<Created<PriceView>, ValidationProblem, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            // An event on the dataset's stream like any write of it, at the version just read (writers are serialised).
            var (current, version) = await tx.StreamAsync<DatasetDocument>(code, cancellationToken);
            if (!DatasetStore.IsLive(current))
            {
                return tx.Fail(CatalogProblems.Missing("dataset", code));
            }

            var now = await PriceStore.NowAsync(tx, cancellationToken);
            if (entry.EffectiveFrom < now + MinimumNotice)
            {
                return tx.Fail(CatalogProblems.Problem(StatusCodes.Status400BadRequest, EffectiveTooEarly,
                    CatalogMessages.Get("price_effective_too_early.detail", Format(entry.EffectiveFrom), Format(now), (int)MinimumNotice.TotalSeconds)));
            }

            var (before, after, stored) = PriceStore.Schedule(tx, current!, version, entry);
            if (await tx.SaveOrRefuseAsync("dataset", code, cancellationToken) is { } refused)
            {
                return refused;
            }

            return TypedResults.Created($"/v1/datasets/{code}/prices", stored);
        }, cancellationToken);
    }

    private static void Require(Validation validation, string field, decimal? value)
    {
        if (value is null)
        {
            validation.Add(field, CatalogMessages.Get("validation.required"));
        }
    }

    /// <summary>An instant, never a wall-clock time: without its offset a time is ambiguous by hours. UTC, as Npgsql writes timestamptz.</summary>
    private static DateTimeOffset? ParseInstant(string? text) =>
        text is not null && InstantWithOffset().IsMatch(text)
        && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? at.ToUniversalTime()
            : null;

    private static string Format(DateTimeOffset at) => ShanghaiTime.Of(at).ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFzzz", CultureInfo.InvariantCulture);
}
