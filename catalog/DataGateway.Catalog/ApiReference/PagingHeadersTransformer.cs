using DataGateway.Catalog.Storage;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace DataGateway.Catalog.ApiReference;

/// <summary>
/// Declares the paging headers on the 200 answer of every endpoint marked <see cref="PagedListMetadata"/>, so that
/// a list's documentation cannot drift from what <see cref="ListPaging.WriteHeaders"/> sends.
/// </summary>
internal sealed class PagingHeadersTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (!context.Description.ActionDescriptor.EndpointMetadata.OfType<PagedListMetadata>().Any())
        {
            return Task.CompletedTask;
        }

        operation.Responses ??= [];
        if (!operation.Responses.TryGetValue("200", out var found) || found is not OpenApiResponse ok)
        {
            ok = new OpenApiResponse { Description = "OK" };
            operation.Responses["200"] = ok;
        }

        ok.Headers ??= new Dictionary<string, IOpenApiHeader>();
        ok.Headers[ListPaging.TotalCountHeader] = new OpenApiHeader
        {
            Description = "总条数。The number of rows the list holds with these filters (all pages).",
            Schema = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int64" },
        };
        ok.Headers["Link"] = new OpenApiHeader
        {
            Description = "翻页链接。RFC 8288 links to the `first`, `prev` (after page 1), `next` (while rows follow) and `last` pages, "
                + "each with this size and the other parameters as given, e.g. `</v1/grants?page=2&size=20>; rel=\"next\"`.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        };
        return Task.CompletedTask;
    }
}
