using DataGateway.Catalog.Storage;
using Npgsql;
using NpgsqlTypes;

namespace DataGateway.Catalog.Notifications;

/// <summary>
/// The notifications and webhooks tables (catalog schema <c>002_dispute_notifications.sql</c>): written in the
/// catalog writer's transaction, so a settlement and its notifications commit together or not at all.
/// </summary>
internal static class NotificationStore
{
    public const string FeedColumns = "id, dispute_id, dataset, record_key, field, outcome, reason, settled_at";

    /// <summary>
    /// One notification per recipient of the settled dispute (an organization twice is one entry); pending for the
    /// webhook where the organization has one. Returns the ids of those pending.
    /// </summary>
    public static async Task<IReadOnlyList<long>> InsertAsync(
        CatalogTransaction tx, IReadOnlyList<string> recipients, Guid disputeId, string dataset, string recordKey, string field,
        string outcome, string? reason, DateTimeOffset settledAt, CancellationToken cancellationToken)
    {
        await using var command = tx.Command(
            """
            insert into dispute_notifications (organization_id, dispute_id, dataset, record_key, field, outcome, reason, settled_at, webhook_state)
            select o.org, @dispute, @dataset, @record_key, @field, @outcome, @reason, @settled_at,
                   case when w.organization_id is null then 'none' else 'pending' end
            from (select distinct unnest(@orgs) as org) o left join organization_webhooks w on w.organization_id = o.org
            order by o.org
            on conflict (organization_id, dispute_id) do nothing
            returning id, webhook_state
            """);
        command.Parameters.Add(new NpgsqlParameter("orgs", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = recipients.ToArray() });
        command.Parameters.AddWithValue("dispute", disputeId);
        command.Parameters.AddWithValue("dataset", dataset);
        command.Parameters.AddWithValue("record_key", recordKey);
        command.Parameters.AddWithValue("field", field);
        command.Parameters.AddWithValue("outcome", outcome);
        command.Parameters.Add(new NpgsqlParameter("reason", NpgsqlDbType.Text) { Value = (object?)reason ?? DBNull.Value });
        command.Parameters.AddWithValue("settled_at", settledAt);
        var pending = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetString(1) == "pending")
            {
                pending.Add(reader.GetInt64(0));
            }
        }

        return pending;
    }

    /// <summary>An organization's feed (parameters <c>org</c> and <c>after</c>), as a paged list reads it.</summary>
    public const string FeedSource = "dispute_notifications where organization_id = @org and id > @after";

    /// <summary>Every entry a page of <see cref="FeedSource"/> selects.</summary>
    public static async Task<NotificationView[]> ReadFeedAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var found = new List<NotificationView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            found.Add(Read(reader));
        }

        return [.. found];
    }

    public static NotificationView Read(NpgsqlDataReader r, int at = 0) => new(
        r.GetInt64(at), r.GetGuid(at + 1), r.GetString(at + 2), r.GetString(at + 3), r.GetString(at + 4), r.GetString(at + 5),
        r.IsDBNull(at + 6) ? null : r.GetString(at + 6), r.GetFieldValue<DateTimeOffset>(at + 7));

    /// <summary>The deliveries still pending, oldest first, with their organization's webhook (one removed since: none).</summary>
    public static async Task<IReadOnlyList<WebhookDelivery>> PendingAsync(NpgsqlConnection connection, IReadOnlyCollection<long>? only, int limit, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            $"""
            select n.{FeedColumns.Replace(", ", ", n.", StringComparison.Ordinal)}, n.organization_id, w.url, w.secret_ref
            from dispute_notifications n join organization_webhooks w on w.organization_id = n.organization_id
            where n.webhook_state = 'pending' and (@only::bigint[] is null or n.id = any(@only))
            order by n.id limit @limit
            """, connection);
        command.Parameters.Add(new NpgsqlParameter("only", NpgsqlDbType.Array | NpgsqlDbType.Bigint) { Value = (object?)only?.ToArray() ?? DBNull.Value });
        command.Parameters.AddWithValue("limit", limit);
        var deliveries = new List<WebhookDelivery>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deliveries.Add(new WebhookDelivery(Read(reader), reader.GetString(8), reader.GetString(9), reader.GetString(10)));
        }

        return deliveries;
    }

    /// <summary>Records how a delivery ended: delivered, or failed after every retry (the feed keeps the entry either way).</summary>
    public static async Task MarkAsync(NpgsqlConnection connection, long id, bool delivered, int? status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "update dispute_notifications set webhook_state = @state, webhook_status = @status, webhook_at = @at where id = @id and webhook_state = 'pending'", connection);
        command.Parameters.AddWithValue("state", delivered ? "delivered" : "failed");
        command.Parameters.Add(new NpgsqlParameter("status", NpgsqlDbType.Integer) { Value = (object?)status ?? DBNull.Value });
        command.Parameters.AddWithValue("at", at);
        command.Parameters.AddWithValue("id", id);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public static async Task<WebhookView?> FindWebhookAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string organizationId, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            "select organization_id, url, secret_ref, updated_by, updated_at from organization_webhooks where organization_id = @org", connection, transaction);
        command.Parameters.AddWithValue("org", organizationId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new WebhookView(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4))
            : null;
    }

    public static async Task<WebhookView> PutWebhookAsync(CatalogTransaction tx, string organizationId, string url, string secretRef, CancellationToken cancellationToken)
    {
        await using var command = tx.Command(
            """
            insert into organization_webhooks (organization_id, url, secret_ref, updated_by, updated_at) values (@org, @url, @secret_ref, @by, @at)
            on conflict (organization_id) do update set url = excluded.url, secret_ref = excluded.secret_ref, updated_by = excluded.updated_by, updated_at = excluded.updated_at
            """);
        command.Parameters.AddWithValue("org", organizationId);
        command.Parameters.AddWithValue("url", url);
        command.Parameters.AddWithValue("secret_ref", secretRef);
        command.Parameters.AddWithValue("by", tx.Actor);
        command.Parameters.AddWithValue("at", tx.Now);
        await command.ExecuteNonQueryAsync(cancellationToken);
        return new WebhookView(organizationId, url, secretRef, tx.Actor, tx.Now);
    }

    /// <summary>Removes the webhook; whether there was one.</summary>
    public static async Task<bool> DeleteWebhookAsync(CatalogTransaction tx, string organizationId, CancellationToken cancellationToken)
    {
        await using var command = tx.Command("delete from organization_webhooks where organization_id = @org");
        command.Parameters.AddWithValue("org", organizationId);
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }
}
