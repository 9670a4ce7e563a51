using System.Text.Json;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;

namespace DataGateway.Catalog.Services;

/// <summary>The departments' upstream APIs. Admin only: addresses are internal.</summary>
public static class DataServicesApi
{
    private const string Columns = "id, owner_id, base_address, district_addresses::text, timeout_ms, row_version, updated_at";

    public static IEndpointRouteBuilder MapDataServicesApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/services").WithTags("Services").RequireAdmin();
        group.MapGet("/", List).WithPaging().WithSummary("列出数据服务 List data services");
        group.MapGet("/{id}", Get).WithSummary("读取数据服务 Read a data service").RefusesMissing();
        group.MapPost("/", Create).WithSummary("登记数据服务 Register a data service").Refuses(409, CatalogProblems.AlreadyExists);
        group.MapPut("/{id}", Update).WithSummary("修改或登记数据服务 Replace or register a data service").RefusesMissing().RefusesStale();
        group.MapDelete("/{id}", Delete).WithSummary("删除数据服务 Delete a data service").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.InUse);
        group.MapGet("/{id}/history", (string id, HistoryQuery history, CancellationToken ct) => history.ForAsync("service", id, ct)).WithSummary("数据服务的变更历史 A data service's history").RefusesMissing();
        return app;
    }

    /// <summary>One page (<see cref="ListPaging"/>) of the services, by id.</summary>
    public static async Task<Ok<DataServiceView[]>> List(HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return TypedResults.Ok(await ListPaging.ReadAsync(
            http, connection, Columns, "data_services", "id", _ => { }, command => ReadAsync(command, cancellationToken)));
    }

    public static async Task<Results<Ok<DataServiceView>, ProblemHttpResult>> Get(string id, HttpResponse response, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select {Columns} from data_services where id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        var found = await ReadAsync(command, cancellationToken);
        if (found.Length == 0)
        {
            return CatalogProblems.Missing("service", id);
        }

        ETags.Set(response, found[0].RowVersion);
        return TypedResults.Ok(found[0]);
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
            var before = await tx.LockAsync("data_services", "id", id, cancellationToken);
            if (before is null)
            {
                return tx.Fail(CatalogProblems.Missing("service", id));
            }

            if (!ETags.Matches(http.Request, before.Value.RowVersion))
            {
                return tx.Fail(CatalogProblems.Stale("service", id));
            }

            await using var inUse = tx.Command("select exists (select 1 from datasets where service_id = @id)");
            inUse.Parameters.AddWithValue("id", id);
            if ((bool)(await inUse.ExecuteScalarAsync(cancellationToken))!)
            {
                return tx.Fail(CatalogProblems.Conflict(CatalogProblems.InUse, CatalogMessages.Get("in_use.service", id)));
            }

            await using var command = tx.Command("delete from data_services where id = @id");
            command.Parameters.AddWithValue("id", id);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await tx.RecordAsync("service", id, "deleted", before.Value.Json, null, cancellationToken);
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
            if (!await OwnerIsDepartmentAsync(tx, body.OwnerId!, cancellationToken))
            {
                validation.Add("ownerId", CatalogMessages.Get("validation.not_department", body.OwnerId));
                return tx.Fail(CatalogProblems.Validation(validation.Errors));
            }

            var before = await tx.LockAsync("data_services", "id", id!, cancellationToken);
            if (creating && before is not null)
            {
                return tx.Fail(CatalogProblems.Conflict(CatalogProblems.AlreadyExists, CatalogMessages.Get("already_exists.detail", CatalogMessages.Get("entity.service"), id)));
            }

            if (!creating && before is null)
            {
                return tx.Fail(CatalogProblems.Missing("service", id));
            }

            if (!creating && !ETags.Matches(http.Request, before!.Value.RowVersion))
            {
                return tx.Fail(CatalogProblems.Stale("service", id));
            }

            await using var command = tx.Command(creating
                ? $"insert into data_services (id, owner_id, base_address, district_addresses, timeout_ms) values (@id, @owner, @base, @districts, @timeout) returning {Columns}"
                : $"""
                  update data_services set owner_id = @owner, base_address = @base, district_addresses = @districts, timeout_ms = @timeout,
                         row_version = row_version + 1, updated_at = now()
                  where id = @id returning {Columns}
                  """);
            command.Parameters.AddWithValue("id", id!);
            command.Parameters.AddWithValue("owner", body.OwnerId!);
            command.Parameters.AddWithValue("base", (object?)body.BaseAddress?.TrimEnd('/') ?? DBNull.Value);
            command.Parameters.Add(new NpgsqlParameter("districts", NpgsqlDbType.Jsonb)
            {
                Value = JsonSerializer.Serialize(body.DistrictAddresses?.ToDictionary(p => p.Key, p => p.Value.TrimEnd('/')) ?? []),
            });
            command.Parameters.AddWithValue("timeout", body.TimeoutMs ?? 10_000);
            var view = (await ReadAsync(command, cancellationToken))[0];
            var after = await tx.RowJsonAsync("data_services", "id", id!, cancellationToken);
            await tx.RecordAsync("service", id!, creating ? "created" : "updated", before?.Json, after, cancellationToken);
            ETags.Set(http.Response, view.RowVersion);
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

    private static async Task<bool> OwnerIsDepartmentAsync(CatalogTransaction tx, string ownerId, CancellationToken cancellationToken)
    {
        await using var command = tx.Command("select exists (select 1 from organizations where id = @id and kind = 'department')");
        command.Parameters.AddWithValue("id", ownerId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task<DataServiceView[]> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<DataServiceView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new DataServiceView(
                reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(3)) ?? [],
                reader.GetInt32(4), reader.GetInt64(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return [.. list];
    }
}
