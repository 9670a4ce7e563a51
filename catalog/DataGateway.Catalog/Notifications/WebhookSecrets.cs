using Microsoft.Extensions.Options;

namespace DataGateway.Catalog.Notifications;

/// <summary>
/// Resolves a webhook's secret name to its value: the setting <c>DataGateway:Catalog:Notifications:Secrets:&lt;name&gt;</c>,
/// else a file of that name in <see cref="NotificationOptions.SecretsDirectory"/>. Read per delivery, so a rotated
/// secret signs the next notification without a restart.
/// </summary>
internal sealed class WebhookSecrets(IOptionsMonitor<NotificationOptions> options)
{
    public byte[]? Resolve(string name)
    {
        var settings = options.CurrentValue;
        if (settings.Secrets.TryGetValue(name, out var value) && value.Trim() is { Length: > 0 } configured)
        {
            return System.Text.Encoding.UTF8.GetBytes(configured);
        }

        // The name is validated when the webhook is set (WebhookValidator.SecretName): no separators, no leading dot.
        if (settings.SecretsDirectory is { Length: > 0 } directory && WebhookValidator.IsSecretName(name))
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } stored)
            {
                return System.Text.Encoding.UTF8.GetBytes(stored);
            }
        }

        return null;
    }
}
