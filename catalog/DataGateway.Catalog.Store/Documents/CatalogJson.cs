using Weasel.Core;

namespace DataGateway.Catalog.Store.Documents;

/// <summary>
/// How the catalog's documents and events are written as JSON: one serializer for Marten's store and for the
/// gateway's snapshot loader, which reads the same documents without a store of its own.
/// </summary>
public static class CatalogJson
{
    public static Marten.ISerializer CreateSerializer() => new Marten.Services.SystemTextJsonSerializer
    {
        EnumStorage = EnumStorage.AsString,
        Casing = Casing.CamelCase,
    };
}
