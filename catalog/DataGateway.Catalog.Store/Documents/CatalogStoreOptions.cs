using DataGateway.Catalog.Store.Applications;
using DataGateway.Catalog.Store.Consents;
using DataGateway.Catalog.Store.Datasets;
using DataGateway.Catalog.Store.Disputes;
using DataGateway.Catalog.Store.Grants;
using DataGateway.Catalog.Store.LandingZones;
using DataGateway.Catalog.Store.Ledger;
using DataGateway.Catalog.Store.Organizations;
using DataGateway.Catalog.Store.Services;
using JasperFx;
using JasperFx.Events;
using JasperFx.Events.Projections;
using Marten;
using Npgsql;
using Weasel.Core;

namespace DataGateway.Catalog.Store.Documents;

/// <summary>
/// How the catalog is kept in Marten: one stream per entity (string ids, the catalog's own), inline projections so
/// a write and its read agree at once, and documents serialised in camelCase with enums as strings so the SQL
/// readers and the history can read them by name.
/// </summary>
/// <remarks>
/// Marten creates and migrates its own objects when the host starts (<c>ApplyAllDatabaseChangesOnStartup</c>, under
/// its advisory lock, so replicas may start together) and never at first use: <see cref="AutoCreate.None"/> keeps a
/// request from racing a schema change.
/// </remarks>
public static class CatalogStoreOptions
{
    /// <param name="dataSource">The catalog's data source, made from <see cref="WithAutoPrepare"/>.</param>
    public static void Configure(StoreOptions options, NpgsqlDataSource dataSource)
    {
        options.Connection(dataSource);
        options.AutoCreateSchemaObjects = AutoCreate.None;
        options.Serializer(CatalogJson.CreateSerializer());
        options.Events.StreamIdentity = StreamIdentity.AsString;

        options.Schema.For<OrganizationDocument>().DocumentAlias("organization");
        options.Projections.Add<OrganizationProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<DataServiceDocument>().DocumentAlias("dataservice");
        options.Projections.Add<DataServiceProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<ApplicationDocument>().DocumentAlias("application");
        options.Projections.Add<ApplicationProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<GrantDocument>().DocumentAlias("grant");
        options.Projections.Add<GrantProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<LandingZoneDocument>().DocumentAlias("landingzone");
        options.Projections.Add<LandingZoneProjection>(ProjectionLifecycle.Inline);
        // Withdrawn consents and disputes: streams of their own, read by every gateway's snapshot.
        options.Schema.For<ConsentRevocationDocument>().DocumentAlias("consent_revocation");
        options.Projections.Add<ConsentRevocationProjection>(ProjectionLifecycle.Inline);
        options.Schema.For<DisputeDocument>().DocumentAlias("dispute");
        options.Projections.Add<DisputeProjection>(ProjectionLifecycle.Inline);
        // The ledger's verification runs: documents only, newest first by VerifiedAt.
        options.Schema.For<LedgerVerificationDocument>().DocumentAlias("ledger_verification").Duplicate(x => x.VerifiedAt);

        // The search's filters are columns: a dataset's document with 20 fields is TOASTed, and reading it per row to
        // filter 17,320 of them is what made the jsonb search ten times slower.
        options.Schema.For<DatasetDocument>().DocumentAlias("dataset")
            .Duplicate(x => x.DeletedAt!)
            .Duplicate(x => x.OwnerId)
            .Duplicate(x => x.Domain)
            .Duplicate(x => x.Sharing)
            .IgnoreIndex(DatasetSearchIndex.Name);

        // The keyword search matches substrings of a real column, duplicated without the b-tree index Duplicate()
        // adds: a b-tree serves no substring match, and refuses any key over 2,704 bytes, which a dataset's search
        // text (a description may have 4,000 characters) exceeds. Its trigram index is the catalog's own
        // (DatasetSearchIndex), made only where pg_trgm can be, and kept out of Marten's model by IgnoreIndex above.
        options.Policies.ForAllDocuments(mapping =>
        {
            if (mapping.DocumentType == typeof(DatasetDocument))
            {
                mapping.DuplicateField(nameof(DatasetDocument.SearchText));
            }
        });
        options.Projections.Add<DatasetProjection>(ProjectionLifecycle.Inline);
    }

    /// <summary>
    /// The catalog's connection string with Npgsql's automatic preparation on, unless the deployment already chose:
    /// measured to be the one setting that matters for write speed (an import of 17,320 datasets went from 15 s to
    /// 10 s; see the catalog's README). It does not work behind PgBouncer in transaction mode.
    /// </summary>
    public static string WithAutoPrepare(string connectionString)
    {
        // A deployment that names the setting at all keeps its choice (Max Auto Prepare=0 behind PgBouncer).
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (!given.ContainsKey("Max Auto Prepare") && !given.ContainsKey("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = 50;
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }
}
