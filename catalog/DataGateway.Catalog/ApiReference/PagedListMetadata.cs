namespace DataGateway.Catalog.ApiReference;

/// <summary>
/// Endpoint metadata of a paged list: its answer carries <c>X-Total-Count</c> and <c>Link</c>
/// (<see cref="Storage.ListPaging.WriteHeaders"/>), which <see cref="PagingHeadersTransformer"/> declares in OpenAPI.
/// </summary>
public sealed class PagedListMetadata
{
    public static PagedListMetadata Instance { get; } = new();

    private PagedListMetadata()
    {
    }
}
