namespace DataGateway.Gateway.Routing;

/// <summary>
/// The code points whose Unicode compatibility normalisation (NFKC) holds a path delimiter ('.', '/', '\', ';', '%',
/// '?', '#'): fullwidth and small forms (．／＼；％？＃), leaders (‥ …), "1." style digits, ㏂ ℅ and the Greek question
/// mark. An upstream that normalises paths (some Java and Python stacks do) reads these as the delimiter.
/// </summary>
/// <remarks>
/// A table, because the services run with invariant globalization, where <c>string.Normalize</c> leaves non-ASCII text
/// as it is. Computed from the Unicode 14 NFKC mappings of every code point above U+007F (Python's
/// <c>unicodedata.normalize('NFKC', chr(c))</c>); recompute it the same way when moving to a later Unicode version.
/// </remarks>
internal static class CompatibilityDelimiters
{
    private static readonly (int First, int Last)[] Ranges =
    [
        (0x037E, 0x037E), (0x2024, 0x2026), (0x2047, 0x2049), (0x2100, 0x2101), (0x2105, 0x2106), (0x2488, 0x249B),
        (0x33C2, 0x33C2), (0x33C7, 0x33C7), (0x33D8, 0x33D8), (0xFE14, 0xFE14), (0xFE16, 0xFE16), (0xFE19, 0xFE19),
        (0xFE30, 0xFE30), (0xFE52, 0xFE52), (0xFE54, 0xFE54), (0xFE56, 0xFE56), (0xFE5F, 0xFE5F), (0xFE68, 0xFE68),
        (0xFE6A, 0xFE6A), (0xFF03, 0xFF03), (0xFF05, 0xFF05), (0xFF0E, 0xFF0F), (0xFF1B, 0xFF1B), (0xFF1F, 0xFF1F),
        (0xFF3C, 0xFF3C), (0x1F100, 0x1F100),
    ];

    public static bool Contains(int codePoint)
    {
        foreach (var (first, last) in Ranges)
        {
            if (codePoint < first)
            {
                return false;
            }

            if (codePoint <= last)
            {
                return true;
            }
        }

        return false;
    }
}
