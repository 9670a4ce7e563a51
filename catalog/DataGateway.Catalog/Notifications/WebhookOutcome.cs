namespace DataGateway.Catalog.Notifications;

/// <summary>How one POST to a webhook ended: taken (2xx), refused for good (4xx other than 408 and 429), or worth a retry.</summary>
/// <param name="Status">The receiver's status code; null when no answer came (refused connection, timeout).</param>
public sealed record WebhookOutcome(bool Delivered, bool Transient, int? Status);
