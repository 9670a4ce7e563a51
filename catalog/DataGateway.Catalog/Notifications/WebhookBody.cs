namespace DataGateway.Catalog.Notifications;

/// <summary>An organization's webhook (<c>PUT /v1/organizations/{id}/webhook</c>).</summary>
/// <param name="Url">Where the catalog POSTs each notification: https, or http to loopback (or anywhere with <c>AllowHttp</c>).</param>
/// <param name="SecretRef">The name of the HMAC secret in the catalog's configuration; never the secret itself.</param>
public sealed record WebhookBody(string? Url, string? SecretRef);
