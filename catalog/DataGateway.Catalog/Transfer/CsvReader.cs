using nietras.SeparatedValues;

namespace DataGateway.Catalog.Transfer;

/// <summary>
/// Reads RFC 4180 CSV as spreadsheets write it: quoted fields may hold commas, quotes ("") and line breaks; a byte
/// order mark is skipped; CRLF or LF; blank lines are skipped. Each record comes with the line number it starts on,
/// for error reports. The parsing is Sep's (<c>nietras.SeparatedValues</c>).
/// </summary>
/// <remarks>
/// A quote opens a quoted section wherever it stands, as in RFC 4180 and Excel, so a stray quote inside a field runs
/// to the end of the file: that, like a quoted field that is never closed, is reported as an unclosed quote on the
/// line where the record starts (<see cref="CsvFormatException"/>), never read as data.
/// </remarks>
public sealed class CsvReader(TextReader reader)
{
    public IEnumerable<(int Line, string[] Fields)> ReadAll()
    {
        if (reader.Peek() == '\uFEFF')
        {
            reader.Read();
        }

        using var sep = Sep.New(',').Reader(o => o with { HasHeader = false, Unescape = true, DisableColCountCheck = true }).From(reader);
        var first = true;
        foreach (var row in sep)
        {
            // Sep 0.17.1 numbers the first row's start with its end; every record before it would be a row too.
            var line = first ? 1 : row.LineNumberFrom;
            first = false;

            // Quotes come in pairs in every well-formed record; an odd count is a quote left open (the record then
            // runs to the end of the input). Counted before the columns are read: unescaping rewrites the row.
            if (row.Span.Count('"') % 2 != 0)
            {
                throw new CsvFormatException(line);
            }

            if (row.ColCount == 1 && row[0].Span.IsEmpty)
            {
                continue;
            }

            var fields = new string[row.ColCount];
            for (var i = 0; i < fields.Length; i++)
            {
                fields[i] = row[i].ToString();
            }

            yield return (line, fields);
        }
    }

    /// <summary>One CSV field, quoted when it needs to be; a leading =, +, - or @ is prefixed so a spreadsheet never runs it as a formula.</summary>
    public static string Escape(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' && !decimal.TryParse(value, System.Globalization.CultureInfo.InvariantCulture, out _))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
