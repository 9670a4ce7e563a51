using DataGateway.Catalog.Grants;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Datasets;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Datasets;

/// <summary>The published catalog (any signed-in caller) and its upkeep (admins).</summary>
public static class DatasetsApi
{
    public static IEndpointRouteBuilder MapDatasetsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/datasets").WithTags("Datasets");
        group.MapGet("/", List).AnswersPagingHeaders().WithSummary("公开目录 The published catalog").WithDescription("任何已登录调用方可读；管理员另见服务地址。Any signed-in caller; admins also see where each dataset is served.");
        group.MapGet("/{code}", Get).WithSummary("读取数据集 Read a dataset").RefusesMissing();
        group.MapPost("/", Create).RequireAdmin().WithSummary("编目数据集 Catalog a dataset").Refuses(409, CatalogProblems.AlreadyExists);
        group.MapPut("/{code}", Update).RequireAdmin().WithSummary("修改或编目数据集 Replace or catalog a dataset").RefusesMissing().RefusesStale();
        group.MapDelete("/{code}", Delete).RequireAdmin().WithSummary("删除数据集 Delete a dataset").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.DatasetHasGrants);
        group.MapGet("/{code}/history", (string code, HistoryQuery history, CancellationToken ct) => history.ForStreamAsync<DatasetDocument>("dataset", code, DatasetProjection.Next, ct)).RequireAdmin().WithSummary("数据集的变更历史 A dataset's history").RefusesMissing();
        return app;
    }

    public static async Task<Results<Ok<DatasetPage>, ValidationProblem>> List(
        string? q, string? owner, string? domain, string? sharing, string? level, int? page, int? size, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        var validation = new Validation();
        if (page is < 1)
        {
            validation.Add("page", CatalogMessages.Get("validation.page_min"));
        }

        if (size is < 1 or > DatasetSearch.MaxSize)
        {
            validation.Add("size", CatalogMessages.Get("validation.size_range", DatasetSearch.MaxSize));
        }

        if (q?.Length > DatasetSearch.MaxQueryLength)
        {
            validation.Add("q", CatalogMessages.Get("validation.too_long", DatasetSearch.MaxQueryLength));
        }
        else if (DatasetSearch.Terms(q)?.Length > DatasetSearch.MaxTerms)
        {
            validation.Add("q", CatalogMessages.Get("validation.too_many_words", DatasetSearch.MaxTerms));
        }

        if (sharing is not null && sharing is not ("unconditional" or "conditional" or "not_shared"))
        {
            validation.Add("sharing", CatalogMessages.Get("validation.sharing"));
        }

        // The level of a dataset is its highest field's (what an application must justify): L4 finds every dataset
        // holding an L4 field, L1 those whose fields are all L1.
        FieldLevel parsedLevel = 0;
        if (level is not null && !DatasetValidator.TryParseLevel(level, out parsedLevel))
        {
            validation.Add("level", CatalogMessages.Get("validation.field_level"));
        }

        if (!validation.IsValid)
        {
            return CatalogProblems.Validation(validation.Errors);
        }

        await using var connection = await db.OpenAsync(cancellationToken);
        await using var session = db.Query();
        var search = new DatasetSearch(q, owner, domain, sharing, null, page ?? 1, size ?? 20, level is null ? null : (int)parsedLevel);
        var found = await DatasetStore.SearchAsync(connection, session, search, IsAdmin(http), DateTimeOffset.UtcNow, cancellationToken);
        // The body says the page and the total itself; the headers say them as the other lists do.
        ListPaging.WriteHeaders(http, new ListPage(search.Page, search.Size), found.Total);
        return TypedResults.Ok(found);
    }

    public static async Task<Results<Ok<DatasetView>, ProblemHttpResult>> Get(string code, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var session = db.Query();
        var document = await session.LoadAsync<DatasetDocument>(code, cancellationToken);
        if (!DatasetStore.IsLive(document))
        {
            return CatalogProblems.Missing("dataset", code);
        }

        ETags.Set(http.Response, document!.Version);
        return TypedResults.Ok(DatasetStore.View(document, IsAdmin(http), DateTimeOffset.UtcNow));
    }

    public static Task<Results<Created<DatasetView>, Ok<DatasetView>, ValidationProblem, ProblemHttpResult>> Create(
        DatasetBody body, HttpContext http, CatalogWriter db, CancellationToken cancellationToken) =>
        SaveAsync(body.Code, body, creating: true, http, db, cancellationToken);

    public static Task<Results<Created<DatasetView>, Ok<DatasetView>, ValidationProblem, ProblemHttpResult>> Update(
        string code, DatasetBody body, HttpContext http, CatalogWriter db, CancellationToken cancellationToken) =>
        SaveAsync(code, body, creating: false, http, db, cancellationToken);

    /// <summary>
    /// Deletes a dataset. Refused with 409 <c>dataset_has_grants</c> while grants are live, unless
    /// <c>?revokeGrants=true</c>: then its grants are revoked (each an event in the history) and removed with it.
    /// </summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(
        string code, bool? revokeGrants, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        return await db.WriteAsync<Results<NoContent, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            var (current, version) = await tx.StreamAsync<DatasetDocument>(code, cancellationToken);
            if (!DatasetStore.IsLive(current))
            {
                return tx.Fail(CatalogProblems.Missing("dataset", code));
            }

            if (!ETags.Matches(http.Request, version))
            {
                return tx.Fail(CatalogProblems.Stale("dataset", code));
            }

            var live = await GrantStore.LiveForDatasetAsync(tx, code, tx.Now, cancellationToken);
            if (live.Count > 0 && revokeGrants != true)
            {
                return tx.Fail(CatalogProblems.Conflict(CatalogProblems.DatasetHasGrants, CatalogMessages.Get("dataset_has_grants.detail", code, live.Count)));
            }

            // Its grants are revoked on their streams (each an event in their history) and its undecided applications
            // rejected: nothing can be approved for, or allow calls to, a dataset that is gone.
            await DatasetStore.CloseWorkflowsAsync(tx, code, live, CatalogMessages.Get("application.dataset_deleted", code), cancellationToken);
            DatasetStore.Append(tx, code, version, current, new DatasetDeleted(tx.Actor, tx.Now));
            if (await tx.SaveOrRefuseAsync("dataset", code, cancellationToken) is { } refused)
            {
                return refused;
            }

            return TypedResults.NoContent();
        }, cancellationToken);
    }

    private static async Task<Results<Created<DatasetView>, Ok<DatasetView>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        string? code, DatasetBody body, bool creating, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        var validation = DatasetValidator.Validate(body, code);
        if (!creating && body.Code is not null && body.Code != code)
        {
            validation.Add("code", CatalogMessages.Get("validation.code_immutable"));
        }

        if (!validation.IsValid)
        {
            return CatalogProblems.Validation(validation.Errors);
        }

        return await db.WriteAsync<Results<Created<DatasetView>, Ok<DatasetView>, ValidationProblem, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            await DatasetStore.CheckReferencesAsync(tx, body, validation, cancellationToken);
            if (!validation.IsValid)
            {
                return tx.Fail(CatalogProblems.Validation(validation.Errors));
            }

            var (current, version) = await tx.StreamAsync<DatasetDocument>(code!, cancellationToken);
            var exists = DatasetStore.IsLive(current);
            if (creating && exists)
            {
                return tx.Fail(CatalogProblems.Conflict(CatalogProblems.AlreadyExists, CatalogMessages.Get("already_exists.detail", CatalogMessages.Get("entity.dataset"), code)));
            }

            if (!creating && !exists)
            {
                return tx.Fail(CatalogProblems.Missing("dataset", code));
            }

            if (!creating && !ETags.Matches(http.Request, version))
            {
                return tx.Fail(CatalogProblems.Stale("dataset", code));
            }

            // A deleted dataset's stream goes on: the code comes back with its history (and past prices) before it.
            var content = DatasetStore.ContentOf(body);
            object change = creating ? new DatasetRegistered(code!, content, tx.Actor, tx.Now) : new DatasetChanged(content, tx.Actor, tx.Now);
            var after = DatasetStore.Append(tx, code!, version, current, change)!;
            if (await tx.SaveOrRefuseAsync("dataset", code!, cancellationToken) is { } refused)
            {
                return refused;
            }

            var view = DatasetStore.View(after, includeService: true, tx.Now);
            ETags.Set(http.Response, view.RowVersion);
            return creating ? TypedResults.Created($"/v1/datasets/{code}", view) : TypedResults.Ok(view);
        }, cancellationToken);
    }

    private static bool IsAdmin(HttpContext http) => http.Caller().Kind == OrganizationKind.Admin;
}
