using DataGateway.Catalog.Observability;

namespace DataGateway.Catalog.Hosting;

/// <summary>The catalog's one line about its schema at start.</summary>
internal static partial class SchemaLog
{
    [LoggerMessage(EventId = EventIds.SchemaApplied, Level = LogLevel.Information, Message = "Catalog schema applied in {Milliseconds} ms (migrations and Marten's objects)")]
    public static partial void Applied(ILogger logger, long milliseconds);
}
