using System.Globalization;
using System.Text;
using DataGateway.Catalog.ApiReference;
using DataGateway.Catalog.Problems;
using Marten;
using Marten.Pagination;
using Microsoft.OpenApi;
using Npgsql;

namespace DataGateway.Catalog.Storage;

/// <summary>
/// Paging of the control-plane lists (organizations, services, applications, grants), the same for all of them:
/// <c>?page=</c> (default 1) and <c>?size=</c> (default 100), the body stays a JSON array so clients that read every
/// row keep working, and the headers say the rest: <c>X-Total-Count</c> and an RFC 8288 <c>Link</c> to the
/// <c>first</c>, <c>prev</c> (past page 1), <c>next</c> (while there is more) and <c>last</c> pages, each keeping the
/// caller's other filters. Both headers are declared on the endpoint's OpenAPI answer (<see cref="PagedListMetadata"/>).
/// </summary>
/// <remarks>
/// Only the canonical form of a whole number is taken (ASCII digits, at most 7 of them, the parameter once): a
/// <c>+1</c>, <c>1e3</c>, <c>" 1"</c> or a second <c>page</c> is a 400 naming the parameter, never a guess that
/// silently answers another page than the caller meant.
/// </remarks>
public static class ListPaging
{
    public const int DefaultSize = 100;
    public const int MaxSize = 1000;
    public const int MaxPage = 1_000_000;
    public const string TotalCountHeader = "X-Total-Count";

    private const int MaxDigits = 7;
    private static readonly object ItemKey = new();

    /// <summary>The two parameters, for the OpenAPI description (the handlers read them by hand).</summary>
    public static readonly QueryParameterDoc[] Parameters =
    [
        new("page", $"页码。1-based page, 1 to {MaxPage} (default 1); `X-Total-Count` gives the number of rows, `Link` the first, previous, next and last pages.", JsonSchemaType.Integer, "int32"),
        new("size", $"每页条数。Rows per page, 1 to {MaxSize} (default {DefaultSize}).", JsonSchemaType.Integer, "int32"),
    ];

    /// <summary>Validates <c>page</c> and <c>size</c> before the handler runs (400 <c>validation_failed</c>), and documents them.</summary>
    public static TBuilder WithPaging<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.WithQueryParameters(Parameters).AnswersPagingHeaders();
        builder.AddEndpointFilter(async (context, next) =>
        {
            var query = context.HttpContext.Request.Query;
            var errors = new Dictionary<string, string[]>();
            var number = Read(query, "page", MaxPage, 1, errors, () => CatalogMessages.Get("validation.list_number", MaxPage));
            var size = Read(query, "size", MaxSize, DefaultSize, errors, () => CatalogMessages.Get("validation.list_number", MaxSize));
            if (errors.Count > 0)
            {
                return CatalogProblems.Validation(errors);
            }

            context.HttpContext.Items[ItemKey] = new ListPage(number, size);
            return await next(context);
        });
        return builder;
    }

    /// <summary>The page the filter of <see cref="WithPaging"/> validated for this request.</summary>
    public static ListPage Requested(HttpContext http) =>
        http.Items[ItemKey] as ListPage ?? throw new InvalidOperationException("The endpoint was mapped without WithPaging().");

    /// <summary>
    /// Counts the rows of <c>select … from {fromWhere}</c>, reads one page of them in <paramref name="orderBy"/>
    /// (which must end in a unique column so pages never overlap or skip), and writes the paging headers.
    /// </summary>
    /// <param name="fromWhere">The table and the caller's scope and filters, e.g. <c>grants where organization_id = @org</c>.</param>
    /// <param name="bind">Binds the parameters <paramref name="fromWhere"/> names; called for both commands.</param>
    public static async Task<T[]> ReadAsync<T>(
        HttpContext http, NpgsqlConnection connection, string columns, string fromWhere, string orderBy,
        Action<NpgsqlParameterCollection> bind, Func<NpgsqlCommand, Task<T[]>> read)
    {
        var page = Requested(http);
        var cancellationToken = http.RequestAborted;
        // One snapshot for the count and the page, so X-Total-Count agrees with the rows this answer holds.
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        await using var count = new NpgsqlCommand($"select count(*) from {fromWhere}", connection, transaction);
        bind(count.Parameters);
        var total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;

        await using var select = new NpgsqlCommand($"select {columns} from {fromWhere} order by {orderBy} limit @page_size offset @page_offset", connection, transaction);
        bind(select.Parameters);
        select.Parameters.AddWithValue("page_size", page.Size);
        select.Parameters.AddWithValue("page_offset", page.Offset);
        var rows = await read(select);
        await transaction.CommitAsync(cancellationToken);

        WriteHeaders(http, page, total);
        return rows;
    }

    /// <summary>
    /// One page of the Marten documents <paramref name="filtered"/> selects, in <paramref name="order"/> (which must
    /// end in a unique member), and the number of all of them. The page and its count come from one statement; only
    /// past the last page, where that statement has no row to carry the count, is the count asked for on its own (on
    /// a query of its own: Marten's paged query leaves its statistics on the one it was built from).
    /// </summary>
    public static async Task<(IReadOnlyList<T> Rows, long Total)> PageAsync<T>(
        Func<IQueryable<T>> filtered, Func<IQueryable<T>, IQueryable<T>> order, ListPage page, CancellationToken cancellationToken)
        where T : notnull
    {
        var found = await order(filtered()).ToPagedListAsync(page.Number, page.Size, cancellationToken);
        var total = found.Count == 0 && page.Number > 1 ? await filtered().LongCountAsync(cancellationToken) : found.TotalItemCount;
        return ([.. found], total);
    }

    /// <summary>The paging headers of an answer holding <paramref name="page"/> of <paramref name="total"/> rows.</summary>
    /// <remarks>
    /// <c>last</c> is the page holding the last row (1 for an empty list); <c>prev</c> is the page before this one, also
    /// when this one is past the end; <c>next</c> only while rows follow this page. No link goes beyond
    /// <see cref="MaxPage"/>, the highest page a caller may ask for.
    /// </remarks>
    public static void WriteHeaders(HttpContext http, ListPage page, long total)
    {
        var response = http.Response;
        response.Headers[TotalCountHeader] = total.ToString(CultureInfo.InvariantCulture);
        var last = (int)Math.Clamp((total + page.Size - 1) / page.Size, 1, MaxPage);
        var links = new List<string>(4) { Link(http.Request, 1, page.Size, "first") };
        if (page.Number > 1)
        {
            links.Add(Link(http.Request, Math.Min(page.Number - 1, MaxPage), page.Size, "prev"));
        }

        if (page.Offset + page.Size < total && page.Number < MaxPage)
        {
            links.Add(Link(http.Request, page.Number + 1, page.Size, "next"));
        }

        links.Add(Link(http.Request, last, page.Size, "last"));
        response.Headers.Link = string.Join(", ", links);
    }

    private static string Link(HttpRequest request, int number, int size, string rel) => $"<{PageOf(request, number, size)}>; rel=\"{rel}\"";

    private static int Read(IQueryCollection query, string name, int max, int fallback, Dictionary<string, string[]> errors, Func<string> message)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return fallback;
        }

        if (values.Count == 1 && values[0] is { Length: > 0 and <= MaxDigits } text && text.All(char.IsAsciiDigit)
            && int.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture) is var n && n >= 1 && n <= max)
        {
            return n;
        }

        errors[name] = [message()];
        return fallback;
    }

    /// <summary>Another page of the same list: this path, the page number, this size, then every other parameter as given.</summary>
    private static string PageOf(HttpRequest request, int number, int size)
    {
        var next = new StringBuilder();
        next.Append(request.PathBase.ToUriComponent()).Append(request.Path.ToUriComponent());
        next.Append(CultureInfo.InvariantCulture, $"?page={number}&size={size}");
        foreach (var (name, values) in request.Query)
        {
            if (name is "page" or "size")
            {
                continue;
            }

            foreach (var value in values)
            {
                next.Append('&').Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value ?? ""));
            }
        }

        return next.ToString();
    }
}
