using System.Globalization;

namespace DataGateway.Catalog.Requests;

/// <summary>
/// Which characters no text the catalog stores may hold: what cannot be displayed, what PostgreSQL refuses (NUL),
/// what hides or reorders what a reviewer sees (bidi controls, "Trojan Source"), and half a surrogate pair.
/// </summary>
/// <remarks>
/// Refused: C0 controls (U+0000–U+001F) except tab, line feed and carriage return in multi-line text, DEL, C1 controls
/// (U+0080–U+009F), the bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and marks (U+200E,
/// U+200F, U+061C), and any unpaired surrogate. The JSON bodies, query strings, paths and the CSV import all ask this.
/// </remarks>
public static class TextRules
{
    /// <summary>The index of the first refused character, or -1 when the text is clean.</summary>
    /// <param name="multiline">Whether tab, line feed and carriage return are allowed (descriptions, reasons).</param>
    public static int IndexOfForbidden(ReadOnlySpan<char> text, bool multiline)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c))
            {
                if (i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    i++;
                    continue;
                }

                return i;
            }

            if (char.IsLowSurrogate(c) || IsForbidden(c, multiline))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The refused character at <paramref name="index"/> as U+XXXX, for messages (never the text itself).</summary>
    public static string Describe(ReadOnlySpan<char> text, int index) =>
        "U+" + ((int)text[index]).ToString("X4", CultureInfo.InvariantCulture);

    private static bool IsForbidden(char c, bool multiline) => c switch
    {
        '\t' or '\n' or '\r' => !multiline,
        < '\u0020' => true,
        >= '\u007F' and <= '\u009F' => true,
        '\u061C' or '\u200E' or '\u200F' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };
}
