using DataGateway.Catalog.Applications;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DataGateway.Catalog.Grants;

/// <summary>
/// Grants: made only by approving an application; admins suspend, resume and revoke them; they expire on their own.
/// active ⇄ suspended, either → revoked (final); past its validity a grant reads expired and can only be revoked.
/// </summary>
public static class GrantsApi
{
    private const string Columns =
        """
        id, application_id, organization_id, dataset_code, scenario, fields, districts, verify_fields, valid_from, valid_until,
        daily_quota, state, row_version, updated_at
        """;

    public static IEndpointRouteBuilder MapGrantsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/grants").WithTags("Grants");
        group.MapGet("/", List).WithPaging().WithSummary("列出授权 List grants").WithDescription("管理员见全部，其他调用方见本单位的。Admins see all; others their own.");
        group.MapGet("/{id:guid}", Get).WithSummary("读取授权 Read a grant").RefusesMissing();
        group.MapPost("/{id:guid}/suspend", (Guid id, ReasonBody? body, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken ct) =>
            TransitionAsync(id, "suspend", body?.Reason, http, db, time, ct)).RequireAdmin().WithSummary("暂停授权 Suspend a grant").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.IllegalTransition);
        group.MapPost("/{id:guid}/resume", (Guid id, ReasonBody? body, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken ct) =>
            TransitionAsync(id, "resume", body?.Reason, http, db, time, ct)).RequireAdmin().WithSummary("恢复授权 Resume a grant").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.IllegalTransition);
        group.MapPost("/{id:guid}/revoke", (Guid id, ReasonBody? body, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken ct) =>
            TransitionAsync(id, "revoke", body?.Reason, http, db, time, ct)).RequireAdmin().WithSummary("撤销授权 Revoke a grant").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.IllegalTransition);
        group.MapGet("/{id:guid}/history", (Guid id, HistoryQuery history, CancellationToken ct) => history.ForAsync("grant", id.ToString(), ct)).RequireAdmin().WithSummary("授权的变更历史 A grant's history").RefusesMissing();
        return app;
    }

    /// <summary>Admins see every grant; anyone else only their own. One page (<see cref="ListPaging"/>), newest first.</summary>
    public static async Task<Ok<GrantView[]>> List(string? dataset, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        await using var connection = await db.OpenAsync(cancellationToken);
        return TypedResults.Ok(await ListPaging.ReadAsync(
            http, connection, Columns,
            "grants where (@org::text is null or organization_id = @org) and (@dataset::text is null or dataset_code = @dataset)",
            "created_at desc, id",
            p =>
            {
                p.AddWithValue("org", caller.Kind == OrganizationKind.Admin ? DBNull.Value : caller.OrganizationId);
                p.AddWithValue("dataset", (object?)dataset ?? DBNull.Value);
            },
            command => ReadAsync(command, time.GetUtcNow(), cancellationToken)));
    }

    public static async Task<Results<Ok<GrantView>, ProblemHttpResult>> Get(Guid id, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var grant = await FindAsync(connection, id, time.GetUtcNow(), cancellationToken);
        var caller = http.Caller();
        if (grant is null || (caller.Kind != OrganizationKind.Admin && grant.OrganizationId != caller.OrganizationId))
        {
            return CatalogProblems.Missing("grant", id);
        }

        ETags.Set(http.Response, grant.RowVersion);
        return TypedResults.Ok(grant);
    }

    private static async Task<Results<Ok<GrantView>, ProblemHttpResult>> TransitionAsync(
        Guid id, string action, string? reason, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return await db.WriteAsync<Results<Ok<GrantView>, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            var locked = await tx.LockAsync("grants", "id", id, cancellationToken);
            var grant = locked is null ? null : await FindAsync(tx.Connection, id, now, cancellationToken, tx);
            if (grant is null)
            {
                return tx.Fail(CatalogProblems.Missing("grant", id));
            }

            if (!ETags.Matches(http.Request, locked!.Value.RowVersion))
            {
                return tx.Fail(CatalogProblems.Stale("grant", id));
            }

            var target = (action, grant.State) switch
            {
                ("suspend", "active") => "suspended",
                ("resume", "suspended") => "active",
                ("revoke", "active" or "suspended" or "expired") => "revoked",
                _ => null,
            };
            if (target is null)
            {
                return tx.Fail(CatalogProblems.Conflict(CatalogProblems.IllegalTransition, CatalogMessages.Get("illegal_transition.grant", id, grant.State, CatalogMessages.Get("action." + action))));
            }

            await using (var update = tx.Command("update grants set state = @state, row_version = row_version + 1, updated_at = now() where id = @id"))
            {
                update.Parameters.AddWithValue("id", id);
                update.Parameters.AddWithValue("state", target);
                await update.ExecuteNonQueryAsync(cancellationToken);
            }

            // The reason is part of the event, not of the grant: history shows why, the grant row only what.
            string after;
            await using (var select = tx.Command("select (to_jsonb(g) || jsonb_build_object('reason', @reason::text))::text from grants g where id = @id"))
            {
                select.Parameters.AddWithValue("id", id);
                select.Parameters.AddWithValue("reason", (object?)reason?.Trim() ?? DBNull.Value);
                after = (string)(await select.ExecuteScalarAsync(cancellationToken))!;
            }

            await tx.RecordAsync("grant", id.ToString(), action == "revoke" ? "revoked" : action == "suspend" ? "suspended" : "resumed", locked.Value.Json, after, cancellationToken);
            var view = (await FindAsync(tx.Connection, id, now, cancellationToken, tx))!;
            ETags.Set(http.Response, view.RowVersion);
            return TypedResults.Ok(view);
        }, cancellationToken);
    }

    internal static async Task<GrantView?> FindAsync(NpgsqlConnection connection, Guid id, DateTimeOffset now, CancellationToken cancellationToken, CatalogTransaction? tx = null)
    {
        await using var command = tx?.Command($"select {Columns} from grants where id = @id")
            ?? new NpgsqlCommand($"select {Columns} from grants where id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        var found = await ReadAsync(command, now, cancellationToken);
        return found.Length == 0 ? null : found[0];
    }

    private static async Task<GrantView[]> ReadAsync(NpgsqlCommand command, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var list = new List<GrantView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var validUntil = reader.GetFieldValue<DateTimeOffset>(9);
            var state = reader.GetString(11);
            list.Add(new GrantView(
                reader.GetGuid(0), reader.IsDBNull(1) ? null : reader.GetGuid(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.GetFieldValue<string[]>(5), reader.GetFieldValue<string[]>(6), reader.GetFieldValue<string[]>(7),
                reader.GetFieldValue<DateTimeOffset>(8), validUntil, reader.IsDBNull(10) ? null : reader.GetInt64(10),
                state != "revoked" && validUntil <= now ? "expired" : state,
                reader.GetInt64(12), reader.GetFieldValue<DateTimeOffset>(13)));
        }

        return [.. list];
    }
}
