using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Snapshots;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DataGateway.Catalog.Organizations;

/// <summary>Departments, districts, operators and the data center itself.</summary>
public static class OrganizationsApi
{
    private const string Columns = "id, name, kind, district_code, licensed_domains, row_version, updated_at";

    public static IEndpointRouteBuilder MapOrganizationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/organizations").WithTags("Organizations");
        group.MapGet("/", List).AddEndpointFilter(QueryFilters.OneOf("kind", () => CatalogMessages.Get("validation.org_kind"), "admin", "department", "district", "operator")).WithPaging().WithSummary("列出组织 List organizations");
        group.MapGet("/{id}", Get).WithSummary("读取组织 Read an organization").RefusesMissing();
        group.MapPost("/", Create).RequireAdmin().WithSummary("登记组织 Register an organization").Refuses(409, CatalogProblems.AlreadyExists);
        group.MapPut("/{id}", Update).RequireAdmin().WithSummary("修改组织 Change an organization").RefusesMissing().RefusesStale();
        group.MapDelete("/{id}", Delete).RequireAdmin().WithSummary("删除组织 Delete an organization").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.InUse);
        group.MapGet("/{id}/history", (string id, HistoryQuery history, CancellationToken ct) => history.ForAsync("organization", id, ct)).RequireAdmin().WithSummary("组织的变更历史 An organization's history").RefusesMissing();
        return app;
    }

    /// <summary>One page (<see cref="ListPaging"/>) of the organizations, by id.</summary>
    public static async Task<Ok<OrganizationView[]>> List(string? kind, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return TypedResults.Ok(await ListPaging.ReadAsync(
            http, connection, Columns, "organizations where @kind::text is null or kind = @kind", "id",
            p => p.AddWithValue("kind", (object?)kind ?? DBNull.Value),
            command => ReadAsync(command, cancellationToken)));
    }

    public static async Task<Results<Ok<OrganizationView>, ProblemHttpResult>> Get(string id, HttpResponse response, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand($"select {Columns} from organizations where id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        var found = await ReadAsync(command, cancellationToken);
        if (found.Length == 0)
        {
            return CatalogProblems.Missing("organization", id);
        }

        ETags.Set(response, found[0].RowVersion);
        return TypedResults.Ok(found[0]);
    }

    public static async Task<Results<Created<OrganizationView>, ValidationProblem, ProblemHttpResult>> Create(
        OrganizationBody body, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        var validation = Validate(body, body.Id);
        if (!validation.IsValid)
        {
            return CatalogProblems.Validation(validation.Errors);
        }

        return await db.WriteAsync<Results<Created<OrganizationView>, ValidationProblem, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            if (await tx.RowJsonAsync("organizations", "id", body.Id!, cancellationToken) is not null)
            {
                return tx.Fail(CatalogProblems.Conflict(CatalogProblems.AlreadyExists, CatalogMessages.Get("already_exists.detail", CatalogMessages.Get("entity.organization"), body.Id)));
            }

            await using var command = tx.Command(
                $"insert into organizations (id, name, kind, district_code, licensed_domains) values (@id, @name, @kind, @district, @domains) returning {Columns}");
            Bind(command, body.Id!, body);
            var view = (await ReadAsync(command, cancellationToken))[0];
            await tx.RecordAsync("organization", view.Id, "created", null, await tx.RowJsonAsync("organizations", "id", view.Id, cancellationToken), cancellationToken);
            ETags.Set(http.Response, view.RowVersion);
            return TypedResults.Created($"/v1/organizations/{view.Id}", view);
        }, cancellationToken);
    }

    public static async Task<Results<Ok<OrganizationView>, ValidationProblem, ProblemHttpResult>> Update(
        string id, OrganizationBody body, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        var validation = Validate(body, id);
        if (body.Id is not null && body.Id != id)
        {
            validation.Add("id", CatalogMessages.Get("validation.id_immutable"));
        }

        if (!validation.IsValid)
        {
            return CatalogProblems.Validation(validation.Errors);
        }

        return await db.WriteAsync<Results<Ok<OrganizationView>, ValidationProblem, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            var before = await tx.LockAsync("organizations", "id", id, cancellationToken);
            if (before is null)
            {
                return tx.Fail(CatalogProblems.Missing("organization", id));
            }

            if (!ETags.Matches(http.Request, before.Value.RowVersion))
            {
                return tx.Fail(CatalogProblems.Stale("organization", id));
            }

            await using var command = tx.Command(
                $"""
                update organizations set name = @name, kind = @kind, district_code = @district, licensed_domains = @domains,
                       row_version = row_version + 1, updated_at = now()
                where id = @id returning {Columns}
                """);
            Bind(command, id, body);
            var view = (await ReadAsync(command, cancellationToken))[0];

            // Its datasets are found by its name too: the search text follows a rename in the same change.
            await using (var search = tx.Command(Datasets.DatasetStore.RefreshSearchSql("select code from datasets where owner_id = @id")))
            {
                search.Parameters.AddWithValue("id", id);
                await search.ExecuteNonQueryAsync(cancellationToken);
            }

            await tx.RecordAsync("organization", id, "updated", before.Value.Json, await tx.RowJsonAsync("organizations", "id", id, cancellationToken), cancellationToken);
            ETags.Set(http.Response, view.RowVersion);
            return TypedResults.Ok(view);
        }, cancellationToken);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        return await db.WriteAsync<Results<NoContent, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            var before = await tx.LockAsync("organizations", "id", id, cancellationToken);
            if (before is null)
            {
                return tx.Fail(CatalogProblems.Missing("organization", id));
            }

            if (!ETags.Matches(http.Request, before.Value.RowVersion))
            {
                return tx.Fail(CatalogProblems.Stale("organization", id));
            }

            await using var inUse = tx.Command(
                """
                select exists (select 1 from data_services where owner_id = @id) or exists (select 1 from datasets where owner_id = @id)
                    or exists (select 1 from applications where requester_id = @id) or exists (select 1 from grants where organization_id = @id)
                """);
            inUse.Parameters.AddWithValue("id", id);
            if ((bool)(await inUse.ExecuteScalarAsync(cancellationToken))!)
            {
                return tx.Fail(CatalogProblems.Conflict(CatalogProblems.InUse, CatalogMessages.Get("in_use.organization", id)));
            }

            await using var command = tx.Command("delete from organizations where id = @id");
            command.Parameters.AddWithValue("id", id);
            await command.ExecuteNonQueryAsync(cancellationToken);
            await tx.RecordAsync("organization", id, "deleted", before.Value.Json, null, cancellationToken);
            return TypedResults.NoContent();
        }, cancellationToken);
    }

    private static Validation Validate(OrganizationBody body, string? id)
    {
        var validation = new Validation();
        validation.Identifier("id", id);
        validation.Require("name", body.Name);
        if (!CatalogText.TryParseKind(body.Kind, out var kind))
        {
            validation.Add("kind", CatalogMessages.Get("validation.org_kind"));
        }
        else if (kind == Policy.Model.OrganizationKind.District)
        {
            if (!Validation.IsDistrictCode(body.DistrictCode))
            {
                validation.Add("districtCode", CatalogMessages.Get("validation.district_needs_code"));
            }
        }
        else if (body.DistrictCode is not null)
        {
            validation.Add("districtCode", CatalogMessages.Get("validation.only_districts_code"));
        }

        if (body.LicensedDomains is { Length: > 0 } && kind != Policy.Model.OrganizationKind.Operator)
        {
            validation.Add("licensedDomains", CatalogMessages.Get("validation.only_operators_domains"));
        }

        if (body.LicensedDomains?.Any(string.IsNullOrWhiteSpace) == true)
        {
            validation.Add("licensedDomains", CatalogMessages.Get("validation.empty_names"));
        }

        return validation;
    }

    private static void Bind(NpgsqlCommand command, string id, OrganizationBody body)
    {
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("name", body.Name!.Trim());
        command.Parameters.AddWithValue("kind", body.Kind!);
        command.Parameters.AddWithValue("district", (object?)body.DistrictCode ?? DBNull.Value);
        command.Parameters.AddWithValue("domains", body.LicensedDomains?.Distinct().Order().ToArray() ?? []);
    }

    private static async Task<OrganizationView[]> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<OrganizationView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new OrganizationView(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.GetFieldValue<string[]>(4), reader.GetInt64(5), reader.GetFieldValue<DateTimeOffset>(6)));
        }

        return [.. list];
    }
}
