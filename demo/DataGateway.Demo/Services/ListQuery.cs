using System.Globalization;

namespace DataGateway.Demo.Services;

/// <summary>
/// A list request's paging and filters: <c>page</c> (≥ 1, default 1), <c>size</c> (1–100000, default 20), and an
/// exact match for every query parameter named after a top-level scalar field. Other parameters are ignored; a
/// repeated parameter must match every value given (so conflicting values select nothing).
/// </summary>
internal sealed record ListQuery(int Page, int Size, IReadOnlyList<RecordFilter> Filters)
{
    public const int DefaultSize = 20;
    public const int MaxSize = 100_000;

    /// <summary>Parses the query string; false with an error code and message for a bad page or size.</summary>
    public static bool TryParse(IQueryCollection query, DatasetStore store, out ListQuery result, out string error, out string message)
    {
        result = new ListQuery(1, DefaultSize, []);
        error = "";
        message = "";
        var page = 1;
        var size = DefaultSize;
        var filters = new List<RecordFilter>();
        foreach (var (name, values) in query)
        {
            switch (name)
            {
                case "page" when !TryParseSingle(values, 1, int.MaxValue, out page):
                    error = "invalid_page";
                    message = "page must be an integer ≥ 1";
                    return false;
                case "size" when !TryParseSingle(values, 1, MaxSize, out size):
                    error = "invalid_size";
                    message = $"size must be an integer from 1 to {MaxSize}";
                    return false;
                case "page" or "size":
                    break;
                default:
                    foreach (var value in values)
                    {
                        if (value is not null && store.TryCreateFilter(name, value, out var filter))
                        {
                            filters.Add(filter);
                        }
                    }

                    break;
            }
        }

        result = new ListQuery(page, size, filters);
        return true;
    }

    private static bool TryParseSingle(Microsoft.Extensions.Primitives.StringValues values, int min, int max, out int number)
    {
        number = 0;
        return values.Count == 1
            && int.TryParse(values[0], NumberStyles.None, CultureInfo.InvariantCulture, out number)
            && number >= min
            && number <= max;
    }
}
