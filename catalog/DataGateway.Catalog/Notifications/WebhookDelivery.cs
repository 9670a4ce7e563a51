namespace DataGateway.Catalog.Notifications;

/// <summary>A notification still to be POSTed, with its organization's webhook as it is now.</summary>
public sealed record WebhookDelivery(NotificationView Notification, string OrganizationId, string Url, string SecretRef);
