namespace DataGateway.Catalog.ApiReference;

/// <summary>The catalog's OpenAPI document: generated from the endpoints, completed by the transformers beside this file.</summary>
public static class CatalogOpenApiExtensions
{
    public static IServiceCollection AddCatalogOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<CatalogDocumentTransformer>();
            options.AddOperationTransformer<CatalogOperationTransformer>();
            options.AddOperationTransformer<PagingHeadersTransformer>();
            options.AddSchemaTransformer<CatalogEnumSchemaTransformer>();
        });
}
