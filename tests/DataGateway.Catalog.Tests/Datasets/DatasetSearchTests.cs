namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>The search cases as the catalog runs them: the trigram index made at start, the planner choosing.</summary>
public sealed class DatasetSearchTests(SearchableCatalog catalog) : DatasetSearchCases(catalog), IClassFixture<SearchableCatalog>;
