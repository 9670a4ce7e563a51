using System.Globalization;

namespace DataGateway.Demo.Receivers;

/// <summary><c>?page=1&amp;size=100</c> of <c>GET /landing/{district}/records</c>: each at most once, whole numbers in range.</summary>
internal static class PageQuery
{
    public const int DefaultSize = 100;
    public const int MaxSize = 10_000;

    /// <summary>The page and size, or false with the parameter at fault and its range.</summary>
    public static bool TryParse(IQueryCollection query, out int page, out int size, out (string Name, int Min, int Max) bad)
    {
        bad = default;
        page = 1;
        size = DefaultSize;
        if (!TryOne(query, "page", 1, int.MaxValue, ref page))
        {
            bad = ("page", 1, int.MaxValue);
            return false;
        }

        if (!TryOne(query, "size", 1, MaxSize, ref size))
        {
            bad = ("size", 1, MaxSize);
            return false;
        }

        return true;
    }

    private static bool TryOne(IQueryCollection query, string name, int min, int max, ref int value)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return true;
        }

        if (values is [{ } text] && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max)
        {
            value = number;
            return true;
        }

        return false;
    }
}
