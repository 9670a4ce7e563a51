using DataGateway.Common.ApiReference;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataGateway.Catalog.ApiReference;

/// <summary>Lists the values of string properties that are enumerations (organization kind, sharing attribute, level, states…).</summary>
internal sealed class CatalogEnumSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonPropertyInfo is { } property
            && CatalogEnums.ForProperty(property.DeclaringType.Name, property.Name) is { } values)
        {
            schema.Enum = ApiDocuments.StringEnum(values).Enum;
        }

        return Task.CompletedTask;
    }
}
