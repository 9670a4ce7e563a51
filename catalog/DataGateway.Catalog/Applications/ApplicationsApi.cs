using DataGateway.Catalog.Grants;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace DataGateway.Catalog.Applications;

/// <summary>
/// The application → grant workflow: districts and operators apply; admins approve (narrowing to the minimum
/// necessary) or reject. Applications move submitted → approved | rejected | withdrawn and never back.
/// </summary>
public static class ApplicationsApi
{
    private const string Columns =
        """
        id, requester_id, dataset_code, scenario, scenario_description, legal_basis, fields, districts, verify_fields,
        valid_from, valid_until, daily_quota, state, decided_by, decided_at, reject_reason, grant_id, row_version, created_at
        """;

    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/applications").WithTags("Applications");
        group.MapGet("/", List).AddEndpointFilter(QueryFilters.OneOf("state", () => CatalogMessages.Get("validation.application_state"), "submitted", "approved", "rejected", "withdrawn")).WithPaging().WithSummary("列出申请 List applications").WithDescription("管理员见全部，其他调用方见本单位的。Admins see all; others their own.");
        group.MapGet("/{id:guid}", Get).WithSummary("读取申请 Read an application").RefusesMissing();
        group.MapPost("/", Submit).WithSummary("提交申请 Apply for data").Refuses(403, "applicant_not_allowed", ReasonCodes.DatasetNotShared, ReasonCodes.DomainNotLicensed);
        group.MapPost("/{id:guid}/approve", Approve).RequireAdmin().WithSummary("批准申请 Approve an application, making its grant").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.IllegalTransition);
        group.MapPost("/{id:guid}/reject", Reject).RequireAdmin().WithSummary("驳回申请 Reject an application").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.IllegalTransition);
        group.MapPost("/{id:guid}/withdraw", Withdraw).WithSummary("撤回申请 Withdraw one's application").RefusesMissing().RefusesStale().Refuses(403, "not_requester").Refuses(409, CatalogProblems.IllegalTransition);
        group.MapGet("/{id:guid}/history", (Guid id, HistoryQuery history, CancellationToken ct) => history.ForAsync("application", id.ToString(), ct)).RequireAdmin().WithSummary("申请的变更历史 An application's history").RefusesMissing();
        return app;
    }

    /// <summary>Admins see every application; anyone else only their own. One page (<see cref="ListPaging"/>), newest first.</summary>
    public static async Task<Ok<ApplicationView[]>> List(string? state, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        await using var connection = await db.OpenAsync(cancellationToken);
        return TypedResults.Ok(await ListPaging.ReadAsync(
            http, connection, Columns,
            "applications where (@requester::text is null or requester_id = @requester) and (@state::text is null or state = @state)",
            "created_at desc, id",
            p => p.AddRange(new NpgsqlParameter[] { new("requester", caller.Kind == OrganizationKind.Admin ? DBNull.Value : caller.OrganizationId), new("state", (object?)state ?? DBNull.Value) }),
            command => ReadAsync(command, cancellationToken)));
    }

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> Get(Guid id, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        var view = await FindAsync(connection, null, id, cancellationToken);
        if (view is null || !CanSee(http.Caller(), view.RequesterId))
        {
            // Someone else's application does not exist as far as this caller can tell.
            return CatalogProblems.Missing("application", id);
        }

        ETags.Set(http.Response, view.RowVersion);
        return TypedResults.Ok(view);
    }

    public static async Task<Results<Created<ApplicationView>, ValidationProblem, ProblemHttpResult>> Submit(
        ApplicationBody body, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        if (caller.Kind is not (OrganizationKind.District or OrganizationKind.Operator or OrganizationKind.Department))
        {
            return CatalogProblems.Forbidden("applicant_not_allowed", CatalogMessages.Get("applicant_not_allowed.detail"));
        }

        var now = time.GetUtcNow();
        return await db.WriteAsync<Results<Created<ApplicationView>, ValidationProblem, ProblemHttpResult>>(caller.OrganizationId, async tx =>
        {
            var validation = new Validation();
            validation.Require("datasetCode", body.DatasetCode, 64);
            validation.Require("scenario", body.Scenario);
            if (body.ScenarioDescription?.Length > 4000)
            {
                validation.Add("scenarioDescription", CatalogMessages.Get("validation.too_long", 4000));
            }

            var dataset = body.DatasetCode is null ? null : await DatasetFactsAsync(tx, body.DatasetCode, cancellationToken);
            if (body.DatasetCode is not null && dataset is null)
            {
                validation.Add("datasetCode", CatalogMessages.Get("validation.dataset_unknown", body.DatasetCode));
            }

            if (dataset is not null)
            {
                if (dataset.Sharing == "not_shared")
                {
                    return tx.Fail(CatalogProblems.Forbidden(ReasonCodes.DatasetNotShared, CatalogMessages.Get("dataset_not_shared.apply", dataset.Code)));
                }

                if (caller.Kind == OrganizationKind.Operator && !await OperatorMayApplyAsync(tx, caller.OrganizationId, dataset, cancellationToken))
                {
                    return tx.Fail(CatalogProblems.Forbidden(ReasonCodes.DomainNotLicensed, CatalogMessages.Get("domain_not_licensed.apply", dataset.Code)));
                }

                ValidateRequest(validation, dataset, body.Fields, body.VerifyFields, body.Districts, body.LegalBasis, "");
            }

            var validFrom = body.ValidFrom ?? now;
            var validUntil = body.ValidUntil ?? validFrom.AddYears(1);
            if (validUntil <= validFrom)
            {
                validation.Add("validUntil", CatalogMessages.Get("validation.valid_until"));
            }

            if (body.DailyQuota is <= 0)
            {
                validation.Add("dailyQuota", CatalogMessages.Get("validation.daily_quota"));
            }

            if (!validation.IsValid)
            {
                return tx.Fail(CatalogProblems.Validation(validation.Errors));
            }

            var id = Guid.CreateVersion7();
            await using var insert = tx.Command(
                $"""
                insert into applications (id, requester_id, dataset_code, scenario, scenario_description, legal_basis, fields, districts,
                                          verify_fields, valid_from, valid_until, daily_quota, state)
                values (@id, @requester, @dataset, @scenario, @description, @legal, @fields, @districts, @verify, @from, @until, @quota, 'submitted')
                returning {Columns}
                """);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("requester", caller.OrganizationId);
            insert.Parameters.AddWithValue("dataset", body.DatasetCode!);
            insert.Parameters.AddWithValue("scenario", body.Scenario!.Trim());
            insert.Parameters.AddWithValue("description", body.ScenarioDescription ?? "");
            insert.Parameters.AddWithValue("legal", (object?)NullIfBlank(body.LegalBasis) ?? DBNull.Value);
            insert.Parameters.AddWithValue("fields", Distinct(body.Fields));
            insert.Parameters.AddWithValue("districts", Distinct(body.Districts));
            insert.Parameters.AddWithValue("verify", Distinct(body.VerifyFields));
            insert.Parameters.AddWithValue("from", validFrom);
            insert.Parameters.AddWithValue("until", validUntil);
            insert.Parameters.AddWithValue("quota", (object?)body.DailyQuota ?? DBNull.Value);
            var view = (await ReadAsync(insert, cancellationToken))[0];
            await tx.RecordAsync("application", id.ToString(), "submitted", null, await tx.RowJsonAsync("applications", "id", id, cancellationToken), cancellationToken);
            ETags.Set(http.Response, view.RowVersion);
            return TypedResults.Created($"/v1/applications/{id}", view);
        }, cancellationToken);
    }

    public static async Task<Results<Ok<GrantView>, ValidationProblem, ProblemHttpResult>> Approve(
        Guid id, ApprovalBody? body, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken cancellationToken)
    {
        body ??= new ApprovalBody(null, null, null, null, null, null);
        return await db.WriteAsync<Results<Ok<GrantView>, ValidationProblem, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            var locked = await tx.LockAsync("applications", "id", id, cancellationToken);
            var application = locked is null ? null : await FindAsync(tx.Connection, tx, id, cancellationToken);
            if (application is null)
            {
                return tx.Fail(CatalogProblems.Missing("application", id));
            }

            if (!ETags.Matches(http.Request, locked!.Value.RowVersion))
            {
                return tx.Fail(CatalogProblems.Stale("application", id));
            }

            if (application.State != "submitted")
            {
                return tx.Fail(CatalogProblems.Conflict(CatalogProblems.IllegalTransition, CatalogMessages.Get("illegal_transition.approve", id, application.State)));
            }

            var validation = new Validation();
            var fields = Narrow(validation, "fields", body.Fields, application.Fields);
            var verify = Narrow(validation, "verifyFields", body.VerifyFields, application.VerifyFields);
            var districts = application.Districts.Length == 0 ? body.Districts ?? [] : Narrow(validation, "districts", body.Districts, application.Districts);
            if (application.Districts.Length == 0 && body.Districts is { Length: > 0 })
            {
                validation.Add("districts", CatalogMessages.Get("validation.approve_no_districts"));
            }

            var validFrom = body.ValidFrom ?? application.ValidFrom;
            var validUntil = body.ValidUntil ?? application.ValidUntil;
            if (validFrom < application.ValidFrom || validUntil > application.ValidUntil || validUntil <= validFrom)
            {
                validation.Add("validity", CatalogMessages.Get("validation.approve_validity"));
            }

            var quota = body.DailyQuota ?? application.DailyQuota;
            if (quota is <= 0 || (application.DailyQuota is { } asked && quota > asked))
            {
                validation.Add("dailyQuota", CatalogMessages.Get("validation.approve_quota"));
            }

            if (fields.Length == 0 && verify.Length == 0)
            {
                validation.Add("fields", CatalogMessages.Get("validation.approve_fields"));
            }

            if (!validation.IsValid)
            {
                return tx.Fail(CatalogProblems.Validation(validation.Errors));
            }

            var grantId = Guid.CreateVersion7();
            await using (var insert = tx.Command(
                """
                insert into grants (id, application_id, organization_id, dataset_code, scenario, fields, districts, verify_fields, valid_from, valid_until, daily_quota, state)
                values (@id, @application, @org, @dataset, @scenario, @fields, @districts, @verify, @from, @until, @quota, 'active')
                """))
            {
                insert.Parameters.AddWithValue("id", grantId);
                insert.Parameters.AddWithValue("application", id);
                insert.Parameters.AddWithValue("org", application.RequesterId);
                insert.Parameters.AddWithValue("dataset", application.DatasetCode);
                insert.Parameters.AddWithValue("scenario", application.Scenario);
                insert.Parameters.AddWithValue("fields", fields);
                insert.Parameters.AddWithValue("districts", districts);
                insert.Parameters.AddWithValue("verify", verify);
                insert.Parameters.AddWithValue("from", validFrom);
                insert.Parameters.AddWithValue("until", validUntil);
                insert.Parameters.AddWithValue("quota", (object?)quota ?? DBNull.Value);
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            await SetStateAsync(tx, id, "approved", reason: null, grantId, cancellationToken);
            await tx.RecordAsync("application", id.ToString(), "approved", locked.Value.Json, await tx.RowJsonAsync("applications", "id", id, cancellationToken), cancellationToken);
            await tx.RecordAsync("grant", grantId.ToString(), "created", null, await tx.RowJsonAsync("grants", "id", grantId, cancellationToken), cancellationToken);
            var grant = await GrantsApi.FindAsync(tx.Connection, grantId, time.GetUtcNow(), cancellationToken);
            ETags.Set(http.Response, grant!.RowVersion);
            return TypedResults.Ok(grant);
        }, cancellationToken);
    }

    public static Task<Results<Ok<ApplicationView>, ValidationProblem, ProblemHttpResult>> Reject(
        Guid id, ReasonBody? body, HttpContext http, CatalogWriter db, CancellationToken cancellationToken) =>
        DecideAsync(id, "rejected", body?.Reason, requireReason: true, http, db, cancellationToken);

    /// <summary>The requester takes back an application nobody has decided yet.</summary>
    public static Task<Results<Ok<ApplicationView>, ValidationProblem, ProblemHttpResult>> Withdraw(
        Guid id, HttpContext http, CatalogWriter db, CancellationToken cancellationToken) =>
        DecideAsync(id, "withdrawn", null, requireReason: false, http, db, cancellationToken);

    private static async Task<Results<Ok<ApplicationView>, ValidationProblem, ProblemHttpResult>> DecideAsync(
        Guid id, string state, string? reason, bool requireReason, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        if (requireReason && string.IsNullOrWhiteSpace(reason))
        {
            return CatalogProblems.Validation(new Dictionary<string, string[]> { ["reason"] = [CatalogMessages.Get("validation.reject_reason")] });
        }

        var caller = http.Caller();
        return await db.WriteAsync<Results<Ok<ApplicationView>, ValidationProblem, ProblemHttpResult>>(caller.OrganizationId, async tx =>
        {
            var locked = await tx.LockAsync("applications", "id", id, cancellationToken);
            var application = locked is null ? null : await FindAsync(tx.Connection, tx, id, cancellationToken);
            if (application is null || !CanSee(caller, application.RequesterId))
            {
                return tx.Fail(CatalogProblems.Missing("application", id));
            }

            if (state == "withdrawn" && application.RequesterId != caller.OrganizationId)
            {
                return tx.Fail(CatalogProblems.Forbidden("not_requester", CatalogMessages.Get("not_requester.detail")));
            }

            if (!ETags.Matches(http.Request, locked!.Value.RowVersion))
            {
                return tx.Fail(CatalogProblems.Stale("application", id));
            }

            if (application.State != "submitted")
            {
                return tx.Fail(CatalogProblems.Conflict(CatalogProblems.IllegalTransition,
                    CatalogMessages.Get("illegal_transition.decide", id, application.State, CatalogMessages.Get(state == "rejected" ? "action.reject" : "action.withdraw"))));
            }

            await SetStateAsync(tx, id, state, reason?.Trim(), null, cancellationToken);
            await tx.RecordAsync("application", id.ToString(), state, locked.Value.Json, await tx.RowJsonAsync("applications", "id", id, cancellationToken), cancellationToken);
            var view = (await FindAsync(tx.Connection, tx, id, cancellationToken))!;
            ETags.Set(http.Response, view.RowVersion);
            return TypedResults.Ok(view);
        }, cancellationToken);
    }

    private static async Task SetStateAsync(CatalogTransaction tx, Guid id, string state, string? reason, Guid? grantId, CancellationToken cancellationToken)
    {
        await using var command = tx.Command(
            """
            update applications set state = @state, decided_by = @actor, decided_at = now(), reject_reason = @reason, grant_id = @grant,
                   row_version = row_version + 1, updated_at = now()
            where id = @id
            """);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.AddWithValue("state", state);
        command.Parameters.AddWithValue("actor", tx.Actor);
        command.Parameters.AddWithValue("reason", (object?)reason ?? DBNull.Value);
        command.Parameters.AddWithValue("grant", (object?)grantId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// Fields and verify fields must be the dataset's; fields at L4 or holding personal information need a legal
    /// basis (最小必要: the applicant has to say why).
    /// </summary>
    private static void ValidateRequest(Validation validation, DatasetFacts dataset, string[]? fields, string[]? verifyFields, string[]? districts, string? legalBasis, string prefix)
    {
        if ((fields?.Length ?? 0) + (verifyFields?.Length ?? 0) == 0)
        {
            validation.Add(prefix + "fields", CatalogMessages.Get("validation.fields_required"));
        }

        foreach (var (name, list) in new[] { ("fields", fields), ("verifyFields", verifyFields) })
        {
            foreach (var field in list ?? [])
            {
                if (!dataset.Fields.TryGetValue(field, out var facts))
                {
                    validation.Add(prefix + name, CatalogMessages.Get("validation.not_a_field", field, dataset.Code));
                }
                else if ((facts.Level == 4 || facts.Personal) && string.IsNullOrWhiteSpace(legalBasis))
                {
                    validation.Add("legalBasis", CatalogMessages.Get("validation.legal_basis", field));
                }
            }
        }

        foreach (var district in districts ?? [])
        {
            if (!Validation.IsDistrictCode(district))
            {
                validation.Add(prefix + "districts", CatalogMessages.Get("validation.district_code", district));
            }
        }
    }

    private static string[] Narrow(Validation validation, string name, string[]? approved, string[] requested)
    {
        if (approved is null)
        {
            return requested;
        }

        foreach (var value in approved.Where(v => !requested.Contains(v)))
        {
            validation.Add(name, CatalogMessages.Get("validation.not_applied_for", value));
        }

        return Distinct(approved);
    }

    private static async Task<bool> OperatorMayApplyAsync(CatalogTransaction tx, string operatorId, DatasetFacts dataset, CancellationToken cancellationToken)
    {
        await using var command = tx.Command("select data->'licensedDomains' @> jsonb_build_array(@domain::text) from mt_doc_organization where id = @id");
        command.Parameters.AddWithValue("id", operatorId);
        command.Parameters.AddWithValue("domain", dataset.Domain);
        return dataset.OpenForOperation && (bool?)await command.ExecuteScalarAsync(cancellationToken) == true;
    }

    private sealed record DatasetFacts(string Code, string Sharing, string Domain, bool OpenForOperation, Dictionary<string, (int Level, bool Personal)> Fields);

    private static async Task<DatasetFacts?> DatasetFactsAsync(CatalogTransaction tx, string code, CancellationToken cancellationToken)
    {
        await using var command = tx.Command(
            """
            select d.sharing, d.domain, d.open_for_operation, f.name, f.level, f.personal
            from datasets d left join dataset_fields f on f.dataset_code = d.code where d.code = @code
            """);
        command.Parameters.AddWithValue("code", code);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        DatasetFacts? facts = null;
        while (await reader.ReadAsync(cancellationToken))
        {
            facts ??= new DatasetFacts(code, reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), new(StringComparer.Ordinal));
            if (!reader.IsDBNull(3))
            {
                facts.Fields[reader.GetString(3)] = (reader.GetInt16(4), reader.GetBoolean(5));
            }
        }

        return facts;
    }

    private static bool CanSee(CallerIdentity caller, string requesterId) =>
        caller.Kind == OrganizationKind.Admin || caller.OrganizationId == requesterId;

    private static string[] Distinct(string[]? values) => values?.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal).ToArray() ?? [];

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static async Task<ApplicationView?> FindAsync(NpgsqlConnection connection, CatalogTransaction? tx, Guid id, CancellationToken cancellationToken)
    {
        await using var command = tx?.Command($"select {Columns} from applications where id = @id")
            ?? new NpgsqlCommand($"select {Columns} from applications where id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        var found = await ReadAsync(command, cancellationToken);
        return found.Length == 0 ? null : found[0];
    }

    private static async Task<ApplicationView[]> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var list = new List<ApplicationView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            list.Add(new ApplicationView(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.GetFieldValue<string[]>(6), reader.GetFieldValue<string[]>(7), reader.GetFieldValue<string[]>(8),
                reader.GetFieldValue<DateTimeOffset>(9), reader.GetFieldValue<DateTimeOffset>(10), reader.IsDBNull(11) ? null : reader.GetInt64(11),
                reader.GetString(12), reader.IsDBNull(13) ? null : reader.GetString(13),
                reader.IsDBNull(14) ? null : reader.GetFieldValue<DateTimeOffset>(14), reader.IsDBNull(15) ? null : reader.GetString(15),
                reader.IsDBNull(16) ? null : reader.GetGuid(16), reader.GetInt64(17), reader.GetFieldValue<DateTimeOffset>(18)));
        }

        return [.. list];
    }
}
