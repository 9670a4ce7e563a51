using System.Globalization;
using DataGateway.Catalog.ApiReference;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Organizations;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;

namespace DataGateway.Catalog.Notifications;

/// <summary>
/// What a settled dispute tells the organizations that received its record (issue 18, point 8): a feed each reads
/// (its own entries only, oldest first, with a cursor), and an optional webhook the catalog POSTs each entry to.
/// </summary>
public static class NotificationsApi
{
    private const int MaxCursorDigits = 18;

    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/v1/notifications").WithTags("Notifications")
            .MapGet("/", Feed).WithPaging()
            .WithQueryParameters(new QueryParameterDoc("after", "游标。Only entries after this id (the last one read), oldest first.", JsonSchemaType.Integer, "int64"))
            .WithSummary("本机构的异议处理通知 The own organization's dispute notifications")
            .WithDescription("最早的在前（id 递增）；以读到的最后一个 id 作 after 续读。Oldest first (ids grow); pass the last id read as `after` to read on.");

        var webhook = app.MapGroup("/v1/organizations/{id}/webhook").WithTags("Notifications")
            .AddEndpointFilter(async (context, next) =>
                Refusal(context.HttpContext.Caller(), context.HttpContext.Request.RouteValues["id"] as string) is { } refused ? refused : await next(context))
            .Refuses(StatusCodes.Status403Forbidden, CatalogProblems.WebhookNotOwn)
            .WithDescription("管理员或该机构本身。Admins, or the organization itself. The HMAC secret goes by its name (secretRef) only.");
        webhook.MapGet("/", GetWebhook).WithSummary("读取通知回调 Read an organization's webhook").RefusesMissing();
        webhook.MapPut("/", PutWebhook).WithSummary("设置通知回调 Set an organization's webhook").RefusesMissing();
        webhook.MapDelete("/", DeleteWebhook).WithSummary("删除通知回调 Delete an organization's webhook").RefusesMissing();
        return app;
    }

    /// <summary><c>GET /v1/notifications?after=</c>: one page of the caller's own organization's entries, oldest first.</summary>
    public static async Task<Results<Ok<NotificationView[]>, ValidationProblem>> Feed(HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        long after = 0;
        if (http.Request.Query.TryGetValue("after", out var given)
            && !(given.Count == 1 && given[0] is { Length: > 0 and <= MaxCursorDigits } text && text.All(char.IsAsciiDigit)
                && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out after)))
        {
            return CatalogProblems.Validation(new Dictionary<string, string[]> { ["after"] = [CatalogMessages.Get("validation.notification_after")] });
        }

        // On the primary: an entry committed a moment ago is in the feed at once.
        await using var connection = await db.OpenAsync(cancellationToken);
        var rows = await ListPaging.ReadAsync(
            http, connection, NotificationStore.FeedColumns, NotificationStore.FeedSource, "id",
            p =>
            {
                p.AddWithValue("org", http.Caller().OrganizationId);
                p.AddWithValue("after", after);
            },
            command => NotificationStore.ReadFeedAsync(command, cancellationToken));
        return TypedResults.Ok(rows);
    }

    public static async Task<Results<Ok<WebhookView>, ProblemHttpResult>> GetWebhook(string id, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        return await NotificationStore.FindWebhookAsync(connection, null, id, cancellationToken) is { } view
            ? TypedResults.Ok(view)
            : CatalogProblems.Missing("webhook", id);
    }

    /// <summary><c>PUT</c>: sets or replaces the webhook; later settlements are POSTed there.</summary>
    public static async Task<Results<Ok<WebhookView>, ValidationProblem, ProblemHttpResult>> PutWebhook(
        string id, WebhookBody body, HttpContext http, CatalogWriter db, IOptions<NotificationOptions> options, CancellationToken cancellationToken)
    {
        var (url, errors) = WebhookValidator.Validate(body, options.Value.AllowHttp, options.Value.AllowPrivateAddresses);
        if (errors.Count > 0)
        {
            return CatalogProblems.Validation(errors);
        }

        return await db.WriteAsync<Results<Ok<WebhookView>, ValidationProblem, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            if (await tx.Session.LoadAsync<OrganizationDocument>(id, cancellationToken) is null)
            {
                return tx.Fail(CatalogProblems.Missing("organization", id));
            }

            return TypedResults.Ok(await NotificationStore.PutWebhookAsync(tx, id, url!, body.SecretRef!, cancellationToken));
        }, cancellationToken);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteWebhook(string id, HttpContext http, CatalogWriter db, CancellationToken cancellationToken) =>
        await db.WriteAsync<Results<NoContent, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
            await NotificationStore.DeleteWebhookAsync(tx, id, cancellationToken)
                ? TypedResults.NoContent()
                : tx.Fail(CatalogProblems.Missing("webhook", id)), cancellationToken);

    /// <summary>Decided from the token alone, before anything is read: another organization learns nothing, not even whether it exists.</summary>
    private static ProblemHttpResult? Refusal(CallerIdentity caller, string? organizationId) =>
        caller.Kind == OrganizationKind.Admin || organizationId == caller.OrganizationId
            ? null
            : CatalogProblems.Forbidden(CatalogProblems.WebhookNotOwn, CatalogMessages.Get("webhook_not_own.detail"));
}
