namespace DataGateway.Catalog.Store.Documents;

/// <summary>
/// The tables Marten keeps the catalog's projected documents in, for the readers that stream them with plain SQL
/// (the gateway's snapshot, the caller check). Each name follows from a document alias set in
/// <see cref="CatalogStoreOptions"/>; a test loads every one of them, so a renamed alias fails there first.
/// </summary>
public static class CatalogTables
{
    public const string Organizations = "mt_doc_organization";

    public const string DataServices = "mt_doc_dataservice";

    public const string Applications = "mt_doc_application";

    public const string Grants = "mt_doc_grant";

    public const string Datasets = "mt_doc_dataset";

    public const string LandingZones = "mt_doc_landingzone";

    public const string ConsentRevocations = "mt_doc_consent_revocation";

    public const string Disputes = "mt_doc_dispute";
}
