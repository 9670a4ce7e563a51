using System.ComponentModel.DataAnnotations;

namespace DataGateway.Catalog.Notifications;

/// <summary>The dispute notifications' webhook settings, section <c>DataGateway:Catalog:Notifications</c>.</summary>
public sealed class NotificationOptions
{
    public const string Section = "DataGateway:Catalog:Notifications";

    /// <summary>
    /// The webhooks' HMAC secrets by name (<c>DataGateway__Catalog__Notifications__Secrets__&lt;name&gt;</c>), the names an
    /// organization's webhook refers to (<c>secretRef</c>). The database holds names only.
    /// </summary>
    public Dictionary<string, string> Secrets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A directory of secret files named by their <c>secretRef</c> (a mounted Kubernetes Secret); read on each delivery.</summary>
    public string? SecretsDirectory { get; set; }

    /// <summary>Accept plain-http webhook URLs on hosts other than loopback. Off: a notification names records and reasons.</summary>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Let webhooks reach loopback, private, link-local and other non-public addresses (<see cref="WebhookAddresses"/>).
    /// Off: an organization's URL must never make the catalog POST into the platform's own network. On for a test or a
    /// demo whose receivers run beside the catalog.
    /// </summary>
    public bool AllowPrivateAddresses { get; set; }

    /// <summary>Retries of one delivery after the first attempt, with exponential backoff and jitter.</summary>
    [Range(1, 20)]
    public int DeliveryRetries { get; set; } = 4;

    /// <summary>The first retry's delay; each next one doubles it.</summary>
    public TimeSpan DeliveryRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one POST may take.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
