namespace DataGateway.Catalog.Notifications;

/// <summary>A webhook's host resolves to no address the catalog may reach (<see cref="WebhookAddresses"/>).</summary>
public sealed class WebhookAddressRefusedException(string host)
    : IOException($"The webhook host '{host}' has no public address, and DataGateway:Catalog:Notifications:AllowPrivateAddresses is off.");
