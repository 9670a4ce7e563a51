using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Services;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Services;

/// <summary>The departments' upstream APIs. Admin only: addresses are internal.</summary>
public static class DataServicesApi
{
    public static IEndpointRouteBuilder MapDataServicesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/services").WithTags("Services").RequireAdmin();
        group.MapGet("/", List).WithPaging().WithSummary("列出数据服务 List data services");
        group.MapGet("/{id}", Get).WithSummary("读取数据服务 Read a data service").RefusesMissing();
        group.MapPost("/", Create).WithSummary("登记数据服务 Register a data service").Refuses(409, CatalogProblems.AlreadyExists);
        group.MapPut("/{id}", Update).WithSummary("修改或登记数据服务 Replace or register a data service").RefusesMissing().RefusesStale();
        group.MapDelete("/{id}", Delete).WithSummary("删除数据服务 Delete a data service").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.InUse);
        group.MapGet("/{id}/history", (string id, HistoryQuery history, CancellationToken ct) => history.ForStreamAsync<DataServiceDocument>("service", id, DataServiceProjection.Next, ct)).WithSummary("数据服务的变更历史 A data service's history").RefusesMissing();
        return app;
    }

    /// <summary>One page (<see cref="ListPaging"/>) of the services, by id.</summary>
    public static async Task<Ok<DataServiceView[]>> List(HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var session = db.Query();
        var page = ListPaging.Requested(http);
        var (rows, total) = await DataServiceStore.ListAsync(session, page, cancellationToken);
        ListPaging.WriteHeaders(http, page, total);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<DataServiceView>, ProblemHttpResult>> Get(string id, HttpResponse response, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var session = db.Query();
        if (await DataServiceStore.FindAsync(session, id, cancellationToken) is not { } view)
        {
            return CatalogProblems.Missing("service", id);
        }

        ETags.Set(response, view.RowVersion);
        return TypedResults.Ok(view);
    }

    public static Task<Results<Created<DataServiceView>, Ok<DataServiceView>, ValidationProblem, ProblemHttpResult>> Create(
        DataServiceBody body, HttpContext http, CatalogWriter db, CancellationToken cancellationToken) =>
        SaveAsync(body.Id, body, creating: true, http, db, cancellationToken);

    public static Task<Results<Created<DataServiceView>, Ok<DataServiceView>, ValidationProblem, ProblemHttpResult>> Update(
        string id, DataServiceBody body, HttpContext http, CatalogWriter db, CancellationToken cancellationToken) =>
        SaveAsync(id, body, creating: false, http, db, cancellationToken);

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        return await db.WriteAsync<Results<NoContent, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            var (current, version) = await tx.StreamAsync<DataServiceDocument>(id, cancellationToken);
            if (current is null)
            {
                return tx.Fail(CatalogProblems.Missing("service", id));
            }

            if (!ETags.Matches(http.Request, version))
            {
                return tx.Fail(CatalogProblems.Stale("service", id));
            }

            if (await DataServiceStore.InUseAsync(tx, id, cancellationToken))
            {
                return tx.Fail(CatalogProblems.Conflict(CatalogProblems.InUse, CatalogMessages.Get("in_use.service", id)));
            }

            tx.Append<DataServiceDocument>(id, version, new DataServiceDeleted(tx.Actor, tx.Now));
            if (await tx.SaveOrRefuseAsync("service", id, cancellationToken) is { } refused)
            {
                return refused;
            }

            return TypedResults.NoContent();
        }, cancellationToken);
    }

    private static async Task<Results<Created<DataServiceView>, Ok<DataServiceView>, ValidationProblem, ProblemHttpResult>> SaveAsync(
        string? id, DataServiceBody body, bool creating, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        var validation = Validate(body, id);
        if (!creating && body.Id is not null && body.Id != id)
        {
            validation.Add("id", CatalogMessages.Get("validation.id_immutable"));
        }

        if (!validation.IsValid)
        {
            return CatalogProblems.Validation(validation.Errors);
        }

        return await db.WriteAsync<Results<Created<DataServiceView>, Ok<DataServiceView>, ValidationProblem, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            if (!await DataServiceStore.OwnerIsDepartmentAsync(tx, body.OwnerId!, cancellationToken))
            {
                validation.Add("ownerId", CatalogMessages.Get("validation.not_department", body.OwnerId));
                return tx.Fail(CatalogProblems.Validation(validation.Errors));
            }

            var (current, version) = await tx.StreamAsync<DataServiceDocument>(id!, cancellationToken);
            if (creating && current is not null)
            {
                return tx.Fail(CatalogProblems.Duplicate("service", id));
            }

            if (!creating && current is null)
            {
                return tx.Fail(CatalogProblems.Missing("service", id));
            }

            if (!creating && !ETags.Matches(http.Request, version))
            {
                return tx.Fail(CatalogProblems.Stale("service", id));
            }

            var baseAddress = body.BaseAddress?.TrimEnd('/');
            var districts = body.DistrictAddresses?.ToDictionary(p => p.Key, p => p.Value.TrimEnd('/')) ?? [];
            var timeout = body.TimeoutMs ?? 10_000;
            object change = creating
                ? new DataServiceRegistered(id!, body.OwnerId!, baseAddress, districts, timeout, tx.Actor, tx.Now)
                : new DataServiceChanged(body.OwnerId!, baseAddress, districts, timeout, tx.Actor, tx.Now);
            tx.Append<DataServiceDocument>(id!, version, change);
            var after = DataServiceProjection.Next(current, id!, change, version + 1)!;
            if (await tx.SaveOrRefuseAsync("service", id!, cancellationToken) is { } refused)
            {
                return refused;
            }

            ETags.Set(http.Response, after.Version);
            var view = DataServiceStore.View(after);
            return creating ? TypedResults.Created($"/v1/services/{id}", view) : TypedResults.Ok(view);
        }, cancellationToken);
    }

    private static Validation Validate(DataServiceBody body, string? id)
    {
        var validation = new Validation();
        validation.Identifier("id", id);
        validation.Identifier("ownerId", body.OwnerId);
        var hasDistricts = body.DistrictAddresses is { Count: > 0 };
        if (body.BaseAddress is null && !hasDistricts)
        {
            validation.Add("baseAddress", CatalogMessages.Get("validation.service_address_missing"));
        }

        if (body.BaseAddress is not null && !IsHttpAddress(body.BaseAddress))
        {
            validation.Add("baseAddress", CatalogMessages.Get("validation.base_address"));
        }

        foreach (var (district, address) in body.DistrictAddresses ?? [])
        {
            if (!Validation.IsDistrictCode(district))
            {
                validation.Add("districtAddresses", CatalogMessages.Get("validation.district_code", district));
            }

            if (!IsHttpAddress(address))
            {
                validation.Add("districtAddresses", CatalogMessages.Get("validation.district_address", district));
            }
        }

        if (body.TimeoutMs is < 100 or > 300_000)
        {
            validation.Add("timeoutMs", CatalogMessages.Get("validation.timeout"));
        }

        return validation;
    }

    private static bool IsHttpAddress(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && string.IsNullOrEmpty(uri.Query) && string.IsNullOrEmpty(uri.Fragment) && string.IsNullOrEmpty(uri.UserInfo);
}
