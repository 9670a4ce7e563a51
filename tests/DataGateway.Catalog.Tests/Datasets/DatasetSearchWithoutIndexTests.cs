namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>The search cases on a server without the trigram index (as where pg_trgm may not be created): the same answers.</summary>
public sealed class DatasetSearchWithoutIndexTests(UnindexedSearchableCatalog catalog) : DatasetSearchCases(catalog), IClassFixture<UnindexedSearchableCatalog>;
