namespace DataGateway.Catalog.Tests.Disputes;

/// <summary>The disputes' city with the catalog's default: webhooks reach public addresses only.</summary>
public sealed class PublicWebhookCity : DisputeCity
{
    protected override bool AllowPrivateAddresses => false;
}
