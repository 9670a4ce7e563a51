namespace DataGateway.Catalog.Store.Changes;

/// <summary>The PostgreSQL NOTIFY channel on which every committed catalog change announces its new version.</summary>
public static class CatalogChannel
{
    public const string Name = "datagateway_catalog";
}
