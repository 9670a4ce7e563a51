using Npgsql;

namespace DataGateway.Catalog.Notifications;

/// <summary>
/// Sends the pending webhook deliveries in the background: all of them at start (those a restart interrupted), then
/// those each settlement hints at (<see cref="WebhookQueue"/>). One at a time, in id order; each ends delivered or
/// failed in the table, and the feed holds the notification either way.
/// </summary>
/// <remarks>
/// At least once: a catalog stopped between a receiver's 2xx and the row's update sends that notification again at
/// its next start, and two replicas starting together may both send what was pending; receivers take
/// <c>X-DataGateway-Notification-Id</c> once.
/// </remarks>
internal sealed partial class WebhookDispatcher(
    NpgsqlDataSource dataSource, WebhookQueue queue, WebhookSender sender, TimeProvider time, ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private const int Batch = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await DrainAsync(null, stoppingToken);
        await foreach (var ids in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await DrainAsync(ids, stoppingToken);
        }
    }

    /// <summary>Sends the pending deliveries among <paramref name="only"/> (null: every pending one).</summary>
    private async Task DrainAsync(IReadOnlyList<long>? only, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                IReadOnlyList<WebhookDelivery> pending;
                await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
                {
                    pending = await NotificationStore.PendingAsync(connection, only, Batch, cancellationToken);
                }

                foreach (var delivery in pending)
                {
                    try
                    {
                        await DeliverAsync(delivery, cancellationToken);
                    }
                    catch (Exception e) when (e is not OperationCanceledException and not NpgsqlException)
                    {
                        // One receiver's oddity must not end the dispatcher (a failed background service stops the
                        // host): the delivery is marked failed, and the feed still holds the notification.
                        Failed(logger, delivery.Notification.Id, delivery.OrganizationId, null, e.GetType().Name);
                        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
                        await NotificationStore.MarkAsync(connection, delivery.Notification.Id, false, null, time.GetUtcNow(), cancellationToken);
                    }
                }

                if (pending.Count < Batch)
                {
                    return;
                }
            }
        }
        catch (Exception e) when (!(e is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // PostgreSQL away, most likely: the pending deliveries are sent at the next start, the feed has them now.
            QueueFailed(logger, e);
        }
    }

    private async Task DeliverAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        var outcome = await sender.SendAsync(delivery, cancellationToken);
        if (outcome is { Delivered: true })
        {
            Delivered(logger, delivery.Notification.Id, delivery.OrganizationId, outcome.Status);
        }
        else
        {
            Failed(logger, delivery.Notification.Id, delivery.OrganizationId, outcome?.Status, outcome is null ? "secret not configured" : "refused or unreachable");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await NotificationStore.MarkAsync(connection, delivery.Notification.Id, outcome is { Delivered: true }, outcome?.Status, time.GetUtcNow(), cancellationToken);
    }

    [LoggerMessage(EventId = Observability.EventIds.WebhookDelivered, Level = LogLevel.Information,
        Message = "Dispute notification {NotificationId} delivered to the webhook of {Organization} ({Status})")]
    private static partial void Delivered(ILogger logger, long notificationId, string organization, int? status);

    [LoggerMessage(EventId = Observability.EventIds.WebhookFailed, Level = LogLevel.Warning,
        Message = "Dispute notification {NotificationId} not delivered to the webhook of {Organization} (last status {Status}: {Why}); it stays in the feed")]
    private static partial void Failed(ILogger logger, long notificationId, string organization, int? status, string why);

    [LoggerMessage(EventId = Observability.EventIds.WebhookQueueFailed, Level = LogLevel.Warning,
        Message = "The webhook dispatcher could not read its queue; the pending deliveries are sent at the next settlement or start")]
    private static partial void QueueFailed(ILogger logger, Exception exception);
}
