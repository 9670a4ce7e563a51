using DataGateway.Catalog.Observability;

namespace DataGateway.Catalog.Hosting;

/// <summary>What the catalog's start has to tell an operator.</summary>
internal static partial class CatalogStartLog
{
    /// <summary>Searches stay correct without the index, but scan every dataset: an operator should know why.</summary>
    [LoggerMessage(EventId = EventIds.SearchIndexMissing, Level = LogLevel.Warning,
        Message = "The dataset keyword search has no trigram index ({Index}): pg_trgm is not available or may not be created here, so searches scan")]
    public static partial void SearchIndexMissing(ILogger logger, string index);
}
