using System.Text;

namespace DataGateway.Catalog.Transfer;

/// <summary>
/// Which text encoding an imported spreadsheet is in. Accepted: UTF-8 with a byte order mark (Excel's "CSV UTF-8"),
/// UTF-8 without one, and GB18030 — what Excel on Chinese Windows writes for plain "CSV" (GBK, which GB18030 contains).
/// Everything else is refused, named where it can be: a UTF-16 or UTF-32 byte order mark, or bytes that are valid in
/// neither accepted encoding.
/// </summary>
/// <remarks>
/// Valid UTF-8 is tried first: GB18030 would also decode most UTF-8 Chinese, into the wrong characters, while GB18030
/// Chinese is almost never valid UTF-8. Big5 (Traditional Chinese) is the one encoding whose bytes GB18030 also
/// decodes without error; its text then falls in the private-use area or the header reads as none of the catalog's
/// columns, and the import refuses it as an encoding problem (<see cref="LooksMisread"/>).
/// </remarks>
public static class CsvEncoding
{
    /// <summary>The names an import answer reports; part of the API.</summary>
    public const string Utf8Bom = "utf-8-bom";

    public const string Utf8 = "utf-8";

    public const string Gb18030 = "gb18030";

    private const int Gb18030CodePage = 54936;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>GB18030 from the code-pages provider, throwing on bytes it cannot decode rather than substituting.</summary>
    private static readonly Encoding StrictGb18030 =
        CodePagesEncodingProvider.Instance.GetEncoding(Gb18030CodePage, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
        ?? throw new InvalidOperationException("GB18030 is not available from System.Text.Encoding.CodePages.");

    public static CsvDecoded Detect(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]) || bytes.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0xFE, 0xFF]))
        {
            return new CsvDecoded(null, null, CsvEncodingProblem.Utf32);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return new CsvDecoded(null, null, CsvEncodingProblem.Utf16);
        }

        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return System.Text.Unicode.Utf8.IsValid(bytes[3..])
                ? new CsvDecoded(StrictUtf8.GetString(bytes[3..]), Utf8Bom, CsvEncodingProblem.None)
                : new CsvDecoded(null, null, CsvEncodingProblem.InvalidUtf8AfterBom);
        }

        if (System.Text.Unicode.Utf8.IsValid(bytes))
        {
            return new CsvDecoded(StrictUtf8.GetString(bytes), Utf8, CsvEncodingProblem.None);
        }

        string text;
        try
        {
            text = StrictGb18030.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return new CsvDecoded(null, null, CsvEncodingProblem.Neither);
        }

        return LooksMisread(text) ? new CsvDecoded(null, null, CsvEncodingProblem.Neither) : new CsvDecoded(text, Gb18030, CsvEncodingProblem.None);
    }

    /// <summary>
    /// Whether text decoded as GB18030 is really something else (Big5, most often): private-use characters, which GBK
    /// maps its unassigned rows to, or a first line in which no catalog column can be read.
    /// </summary>
    private static bool LooksMisread(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '\uE000' and <= '\uF8FF')
            {
                return true;
            }
        }

        var end = text.IndexOfAny(['\r', '\n']);
        var header = (end < 0 ? text : text[..end]).Split(',');
        return !header.Any(h => DatasetCsvColumns.All.Any(c => h.Trim().Trim('"') == c.Chinese || h.Trim().Trim('"') == c.English));
    }
}
