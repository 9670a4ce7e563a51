namespace DataGateway.Catalog.Store.Consents;

/// <summary>
/// A consent's stream id. Consent ids come from the consent issuer, not the catalog; the prefix keeps them from ever
/// naming another entity's stream (a snapshot reload matches changed streams against every document's id).
/// </summary>
public static class ConsentStreams
{
    public const string Prefix = "consent:";

    public static string For(string consentId) => Prefix + consentId;
}
