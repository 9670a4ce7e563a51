namespace DataGateway.Gateway.ApiReference;

/// <summary>The gateway's OpenAPI document, written by <see cref="DataPlaneDocumentTransformer"/>.</summary>
internal static class GatewayOpenApiExtensions
{
    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options => options.AddDocumentTransformer<DataPlaneDocumentTransformer>());
}
