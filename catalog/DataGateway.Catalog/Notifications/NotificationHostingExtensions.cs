using DataGateway.Common.Configuration;

namespace DataGateway.Catalog.Notifications;

/// <summary>The dispute notifications' services: settings, the webhook's secrets, sender, queue and dispatcher.</summary>
public static class NotificationHostingExtensions
{
    public static IServiceCollection AddDisputeNotifications(this IServiceCollection services)
    {
        services.AddValidatedOptions<NotificationOptions>(NotificationOptions.Section);
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<WebhookSender>();
        services.AddSingleton<WebhookQueue>();
        services.AddHostedService<WebhookDispatcher>();
        return services;
    }
}
