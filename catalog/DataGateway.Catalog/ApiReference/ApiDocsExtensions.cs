using DataGateway.Catalog.ApiReference;

// In the catalog's root namespace, so that every API file sees these without a using: the Map… lines are all they touch.
namespace DataGateway.Catalog;

/// <summary>
/// What an endpoint's <c>Map…</c> line adds to the OpenAPI document when the common transformers cannot infer it:
/// the refusals its handler gives, the query parameters it reads by hand, a CSV answer.
/// </summary>
public static class ApiDocsExtensions
{
    /// <summary>The endpoint is a paged list whose answer carries <c>X-Total-Count</c> and <c>Link</c> (<c>WithPaging</c> adds this itself).</summary>
    public static TBuilder AnswersPagingHeaders<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(PagedListMetadata.Instance);

    /// <summary>The endpoint can answer <paramref name="status"/> problem+json with one of <paramref name="codes"/>.</summary>
    public static TBuilder Refuses<TBuilder>(this TBuilder builder, int status, params string[] codes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new ProblemCodesMetadata(status, codes));

    /// <summary>The endpoint answers 404 <c>not_found</c> when what its path names does not exist.</summary>
    public static TBuilder RefusesMissing<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Refuses(StatusCodes.Status404NotFound, Problems.CatalogProblems.NotFound);

    /// <summary>The endpoint honours If-Match and answers 412 <c>precondition_failed</c> when the resource has changed.</summary>
    public static TBuilder RefusesStale<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.Refuses(StatusCodes.Status412PreconditionFailed, Problems.CatalogProblems.PreconditionFailed);

    public static TBuilder WithQueryParameters<TBuilder>(this TBuilder builder, params QueryParameterDoc[] parameters)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata([.. parameters]);

    public static TBuilder ProducesCsv<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(CsvResponseMetadata.Instance);
}
