using DataGateway.Catalog.Grants;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using DataGateway.Catalog.Store.Applications;
using DataGateway.Catalog.Store.Grants;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Applications;

/// <summary>
/// The application → grant workflow: districts and operators apply; admins approve (narrowing to the minimum
/// necessary) or reject. Applications move submitted → approved | rejected | withdrawn and never back.
/// </summary>
public static class ApplicationsApi
{
    public static IEndpointRouteBuilder MapApplicationsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/v1/applications").WithTags("Applications");
        group.MapGet("/", List).AddEndpointFilter(QueryFilters.OneOf("state", () => CatalogMessages.Get("validation.application_state"), "submitted", "approved", "rejected", "withdrawn"))
            .AddEndpointFilter(QueryFilters.OneOf("order", () => CatalogMessages.Get("validation.application_order"), ApplicationOrders.All)).WithPaging().WithSummary("列出申请 List applications").WithDescription("管理员见全部，其他调用方见本单位的。Admins see all; others their own.");
        group.MapGet("/{id:guid}", Get).WithSummary("读取申请 Read an application").RefusesMissing();
        group.MapPost("/", Submit).WithSummary("提交申请 Apply for data").Refuses(403, CatalogProblems.ApplicantNotAllowed, ReasonCodes.DatasetNotShared, ReasonCodes.DomainNotLicensed);
        group.MapPost("/{id:guid}/approve", Approve).RequireAdmin().WithSummary("批准申请 Approve an application, making its grant").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.IllegalTransition);
        group.MapPost("/{id:guid}/reject", Reject).RequireAdmin().WithSummary("驳回申请 Reject an application").RefusesMissing().RefusesStale().Refuses(409, CatalogProblems.IllegalTransition);
        group.MapPost("/{id:guid}/withdraw", Withdraw).WithSummary("撤回申请 Withdraw one's application").RefusesMissing().RefusesStale().Refuses(403, CatalogProblems.NotRequester).Refuses(409, CatalogProblems.IllegalTransition);
        group.MapGet("/{id:guid}/history", (Guid id, HistoryQuery history, CancellationToken ct) => history.ForStreamAsync<ApplicationDocument>("application", id.ToString(), ApplicationProjection.Next, ct)).RequireAdmin().WithSummary("申请的变更历史 An application's history").RefusesMissing();
        return app;
    }

    /// <summary>
    /// Admins see every application; anyone else only their own. One page (<see cref="ListPaging"/>), newest first,
    /// or with <c>order=oldest</c> oldest first: an admin's inbox works the longest-waiting application first.
    /// </summary>
    public static async Task<Ok<ApplicationView[]>> List(string? state, string? order, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        await using var session = db.Query();
        var page = ListPaging.Requested(http);
        var requester = caller.Kind == OrganizationKind.Admin ? null : caller.OrganizationId;
        var (rows, total) = await ApplicationStore.ListAsync(session, requester, state, order == ApplicationOrders.Oldest, page, cancellationToken);
        ListPaging.WriteHeaders(http, page, total);
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<ApplicationView>, ProblemHttpResult>> Get(Guid id, HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var session = db.Query();
        var application = await ApplicationStore.FindAsync(session, id, cancellationToken);
        if (application is null || !CanSee(http.Caller(), application.RequesterId))
        {
            // Someone else's application does not exist as far as this caller can tell.
            return CatalogProblems.Missing("application", id);
        }

        ETags.Set(http.Response, application.Version);
        return TypedResults.Ok(ApplicationStore.View(application));
    }

    public static async Task<Results<Created<ApplicationView>, ValidationProblem, ProblemHttpResult>> Submit(
        ApplicationBody body, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        if (caller.Kind is not (OrganizationKind.District or OrganizationKind.Operator or OrganizationKind.Department))
        {
            return CatalogProblems.Forbidden(CatalogProblems.ApplicantNotAllowed, CatalogMessages.Get("applicant_not_allowed.detail"));
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

            var dataset = body.DatasetCode is null ? null : await ApplicationStore.DatasetFactsAsync(tx, body.DatasetCode, cancellationToken);
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

                if (caller.Kind == OrganizationKind.Operator && !await ApplicationStore.OperatorMayApplyAsync(tx, caller.OrganizationId, dataset, cancellationToken))
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

            var id = Guid.CreateVersion7().ToString();
            var submitted = new ApplicationSubmitted(
                id, caller.OrganizationId, body.DatasetCode!, body.Scenario!.Trim(), body.ScenarioDescription ?? "", NullIfBlank(body.LegalBasis),
                Distinct(body.Fields), Distinct(body.Districts), Distinct(body.VerifyFields), validFrom, validUntil, body.DailyQuota, tx.Actor, tx.Now);
            tx.Append<ApplicationDocument>(id, 0, submitted);
            var application = ApplicationProjection.Next(null, id, submitted, 1)!;
            if (await tx.SaveOrRefuseAsync("application", id, cancellationToken) is { } refused)
            {
                return refused;
            }

            ETags.Set(http.Response, application.Version);
            return TypedResults.Created($"/v1/applications/{id}", ApplicationStore.View(application));
        }, cancellationToken);
    }

    public static async Task<Results<Ok<GrantView>, ValidationProblem, ProblemHttpResult>> Approve(
        Guid id, ApprovalBody? body, HttpContext http, CatalogWriter db, TimeProvider time, CancellationToken cancellationToken)
    {
        body ??= new ApprovalBody(null, null, null, null, null, null);
        return await db.WriteAsync<Results<Ok<GrantView>, ValidationProblem, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            var streamId = id.ToString();
            var (application, version) = await tx.StreamAsync<ApplicationDocument>(streamId, cancellationToken);
            if (application is null)
            {
                return tx.Fail(CatalogProblems.Missing("application", id));
            }

            if (!ETags.Matches(http.Request, version))
            {
                return tx.Fail(CatalogProblems.Stale("application", id));
            }

            // The workflow is the stream: only an application its events leave submitted is decided.
            if (!ApplicationStates.MayDecide(application.State))
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

            var grantId = Guid.CreateVersion7().ToString();
            var issued = new GrantIssued(
                grantId, streamId, application.RequesterId, application.DatasetCode, application.Scenario,
                fields, districts, verify, validFrom, validUntil, quota, tx.Actor, tx.Now);
            var approved = new ApplicationApproved(grantId, tx.Actor, tx.Now);
            tx.Append<ApplicationDocument>(streamId, version, approved);
            tx.Append<GrantDocument>(grantId, 0, issued);
            var decided = ApplicationProjection.Next(application, streamId, approved, version + 1)!;
            var grant = GrantProjection.Next(null, grantId, issued, 1)!;
            if (await tx.SaveOrRefuseAsync("application", streamId, cancellationToken) is { } refused)
            {
                return refused;
            }

            ETags.Set(http.Response, grant.Version);
            return TypedResults.Ok(GrantStore.View(grant, time.GetUtcNow()));
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
            var streamId = id.ToString();
            var (application, version) = await tx.StreamAsync<ApplicationDocument>(streamId, cancellationToken);
            if (application is null || !CanSee(caller, application.RequesterId))
            {
                return tx.Fail(CatalogProblems.Missing("application", id));
            }

            if (state == ApplicationStates.Withdrawn && application.RequesterId != caller.OrganizationId)
            {
                return tx.Fail(CatalogProblems.Forbidden(CatalogProblems.NotRequester, CatalogMessages.Get("not_requester.detail")));
            }

            if (!ETags.Matches(http.Request, version))
            {
                return tx.Fail(CatalogProblems.Stale("application", id));
            }

            if (!ApplicationStates.MayDecide(application.State))
            {
                return tx.Fail(CatalogProblems.Conflict(CatalogProblems.IllegalTransition,
                    CatalogMessages.Get("illegal_transition.decide", id, application.State, CatalogMessages.Get(state == ApplicationStates.Rejected ? "action.reject" : "action.withdraw"))));
            }

            object decision = state == ApplicationStates.Rejected
                ? new ApplicationRejected(reason!.Trim(), tx.Actor, tx.Now)
                : new ApplicationWithdrawn(tx.Actor, tx.Now);
            tx.Append<ApplicationDocument>(streamId, version, decision);
            var decided = ApplicationProjection.Next(application, streamId, decision, version + 1)!;
            if (await tx.SaveOrRefuseAsync("application", streamId, cancellationToken) is { } refused)
            {
                return refused;
            }

            ETags.Set(http.Response, decided.Version);
            return TypedResults.Ok(ApplicationStore.View(decided));
        }, cancellationToken);
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

    private static bool CanSee(CallerIdentity caller, string requesterId) =>
        caller.Kind == OrganizationKind.Admin || caller.OrganizationId == requesterId;

    private static string[] Distinct(string[]? values) => values?.Where(v => !string.IsNullOrWhiteSpace(v)).Distinct(StringComparer.Ordinal).ToArray() ?? [];

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
