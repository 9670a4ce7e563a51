namespace DataGateway.Catalog.Notifications;

/// <summary>An organization's webhook: where, which secret by name, and who set it when.</summary>
public sealed record WebhookView(string OrganizationId, string Url, string SecretRef, string UpdatedBy, DateTimeOffset UpdatedAt);
