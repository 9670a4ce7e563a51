using System.Text;

namespace DataGateway.Bench;

/// <summary>
/// The catalog import's hand-written CSV reader as it was before Sep (issue 13, point 4), kept here only so that
/// <c>csv-parse</c> can measure the two side by side. Reads RFC 4180 CSV as spreadsheets write it: quoted fields may hold commas, quotes ("") and line breaks; a UTF-8
/// byte order mark is skipped; CRLF or LF. Each record comes with the line number it starts on, for error reports.
/// </summary>
internal sealed class HandWrittenCsvReader(TextReader reader)
{
    private int _line = 1;

    public IEnumerable<(int Line, string[] Fields)> ReadAll()
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var startLine = _line;
        var inQuotes = false;
        var atFieldStart = true;
        var any = false;
        int c;
        var first = true;
        while ((c = reader.Read()) >= 0)
        {
            if (first && c == '\uFEFF')
            {
                first = false;
                continue;
            }

            first = false;
            any = true;
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        inQuotes = false;
                    }
                }
                else
                {
                    if (c == '\n')
                    {
                        _line++;
                    }

                    field.Append((char)c);
                }

                continue;
            }

            switch (c)
            {
                case '"' when atFieldStart:
                    inQuotes = true;
                    atFieldStart = false;
                    break;
                case ',':
                    fields.Add(field.ToString());
                    field.Clear();
                    atFieldStart = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    fields.Add(field.ToString());
                    field.Clear();
                    if (!(fields.Count == 1 && fields[0].Length == 0))
                    {
                        yield return (startLine, fields.ToArray());
                    }

                    fields.Clear();
                    _line++;
                    startLine = _line;
                    atFieldStart = true;
                    any = false;
                    break;
                default:
                    field.Append((char)c);
                    atFieldStart = false;
                    break;
            }
        }

        if (inQuotes)
        {
            throw new FormatException($"Line {startLine}: a quoted field is not closed.");
        }

        if (any)
        {
            fields.Add(field.ToString());
            if (!(fields.Count == 1 && fields[0].Length == 0))
            {
                yield return (startLine, fields.ToArray());
            }
        }
    }
}
