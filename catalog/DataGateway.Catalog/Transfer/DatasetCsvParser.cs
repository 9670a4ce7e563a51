using System.Globalization;
using DataGateway.Catalog.Datasets;
using DataGateway.Catalog.Problems;

namespace DataGateway.Catalog.Transfer;

/// <summary>
/// Turns catalog spreadsheet rows into dataset bodies, checked by the same <see cref="DatasetValidator"/> as the API,
/// with every problem reported against the line it comes from.
/// </summary>
public sealed class DatasetCsvParser
{
    private readonly List<ImportError> _errors = [];

    public IReadOnlyList<ImportError> Errors => _errors;

    public sealed record ParsedDataset(DatasetBody Body, int FirstLine);

    private const int MaxPageSizeColumn = 22;
    private const int ConsentSubjectColumn = 23;
    private const int RecordKeyColumn = 24;
    private const int DisputeDaysColumn = 25;

    /// <summary>The columns that describe the dataset rather than one of its fields (the code, 0, groups the rows).</summary>
    private static readonly int[] DatasetColumns = [.. Enumerable.Range(1, 14), .. Enumerable.Range(MaxPageSizeColumn, 4)];

    public List<ParsedDataset> Parse(TextReader text)
    {
        var result = new List<ParsedDataset>();
        IEnumerator<(int Line, string[] Fields)> rows;
        try
        {
            rows = new CsvReader(text).ReadAll().ToList().GetEnumerator();
        }
        catch (CsvFormatException ex)
        {
            _errors.Add(new ImportError(ex.Line, "", CatalogMessages.Get("import_invalid.unclosed_quote")));
            return result;
        }

        if (!rows.MoveNext())
        {
            _errors.Add(new ImportError(1, "", CatalogMessages.Get("import_invalid.empty_file")));
            return result;
        }

        var header = rows.Current.Fields;
        var index = MapHeader(header);
        if (index is null)
        {
            return result;
        }

        var groups = new Dictionary<string, List<(int Line, string[] Fields)>>(StringComparer.Ordinal);
        var order = new List<string>();
        while (rows.MoveNext())
        {
            var (line, fields) = rows.Current;
            if (fields.Length != header.Length)
            {
                _errors.Add(new ImportError(line, "", CatalogMessages.Get("import_invalid.column_count", fields.Length, header.Length)));
                continue;
            }

            var code = fields[index[0]].Trim();
            if (!groups.TryGetValue(code, out var list))
            {
                groups[code] = list = [];
                order.Add(code);
            }

            list.Add((line, fields));
        }

        foreach (var code in order)
        {
            var parsed = ParseDataset(code, groups[code], index, header);
            if (parsed is not null)
            {
                result.Add(parsed);
            }
        }

        return result;
    }

    /// <summary>Column positions in <see cref="DatasetCsvColumns.All"/> order; null (and errors) when a column is missing.</summary>
    private int[]? MapHeader(string[] header)
    {
        var index = new int[DatasetCsvColumns.All.Length];
        var ok = true;
        for (var i = 0; i < DatasetCsvColumns.All.Length; i++)
        {
            var (chinese, english) = DatasetCsvColumns.All[i];
            index[i] = Array.FindIndex(header, h => h.Trim() == chinese || h.Trim() == english);
            if (index[i] < 0 && english is not ("description" or "field_district_return" or "record_path" or "standard_level" or "revenue_share" or "max_page_size"
                or "consent_subject_field" or "record_key_field" or "dispute_answer_days"))
            {
                _errors.Add(new ImportError(1, chinese, CatalogMessages.Get("import_invalid.column_missing")));
                ok = false;
            }
        }

        return ok ? index : null;
    }

    private ParsedDataset? ParseDataset(string code, List<(int Line, string[] Fields)> rows, int[] index, string[] header)
    {
        var first = rows[0];
        string Cell((int Line, string[] Fields) row, int column) => index[column] < 0 ? "" : row.Fields[index[column]].Trim();
        var errorsBefore = _errors.Count;

        // The dataset's own columns (0 … 14, and 22 … 25) must read the same on every row of the dataset.
        foreach (var row in rows.Skip(1))
        {
            foreach (var c in DatasetColumns)
            {
                if (Cell(row, c) != Cell(first, c))
                {
                    _errors.Add(new ImportError(row.Line, header[index[c]], CatalogMessages.Get("import_invalid.row_differs", first.Line, code)));
                }
            }
        }

        var sharing = Cell(first, 7);
        sharing = DatasetCsvColumns.Sharing.GetValueOrDefault(sharing, sharing);
        var standard = Cell(first, 14);
        standard = standard.Length == 0 ? null : DatasetCsvColumns.StandardLevels.GetValueOrDefault(standard, standard);
        var returnMarks = rows.Select(r => Cell(r, 21)).ToArray();
        var fields = rows.Select(r => new FieldBody(
            Cell(r, 15), Cell(r, 16), NullIfEmpty(Cell(r, 17)), Cell(r, 18), ParseFlag(r.Line, header, index, 19, Cell(r, 19)), NullIfEmpty(Cell(r, 20)))).ToArray();
        var body = new DatasetBody(
            code,
            Cell(first, 1),
            Cell(first, 2),
            Cell(first, 3),
            Cell(first, 4),
            Cell(first, 5),
            Cell(first, 6),
            sharing,
            ParseFlag(first.Line, header, index, 8, Cell(first, 8)),
            NullIfEmpty(Cell(first, 9)),
            Cell(first, 10),
            returnMarks.All(m => m.Length == 0)
                ? null
                : fields.Where((_, i) => ParseFlag(rows[i].Line, header, index, 21, returnMarks[i]) == true).Select(f => f.Name!).ToArray(),
            ParseMoney(first.Line, header, index, 11, Cell(first, 11)),
            ParseMoney(first.Line, header, index, 12, Cell(first, 12)),
            ParseMoney(first.Line, header, index, 13, Cell(first, 13)),
            standard,
            fields,
            ParseCount(first.Line, header, index, MaxPageSizeColumn, Cell(first, MaxPageSizeColumn)),
            NullIfEmpty(Cell(first, ConsentSubjectColumn)),
            NullIfEmpty(Cell(first, RecordKeyColumn)),
            ParseCount(first.Line, header, index, DisputeDaysColumn, Cell(first, DisputeDaysColumn)));

        var validation = DatasetValidator.Validate(body, code);
        foreach (var (key, messages) in validation.Errors)
        {
            var (line, column) = Locate(key, rows, index, header);
            foreach (var message in messages)
            {
                _errors.Add(new ImportError(line, column, message));
            }
        }

        return _errors.Count == errorsBefore ? new ParsedDataset(body, first.Line) : null;
    }

    /// <summary>Maps a validator key (<c>title</c>, <c>fields[3].level</c>) to the line and column it came from.</summary>
    private static (int Line, string Column) Locate(string key, List<(int Line, string[] Fields)> rows, int[] index, string[] header)
    {
        string Column(string english)
        {
            var i = Array.FindIndex(DatasetCsvColumns.All, c => c.English == english);
            return i >= 0 && index[i] >= 0 ? header[index[i]] : DatasetCsvColumns.All[Math.Max(i, 0)].Chinese;
        }

        if (key.StartsWith("fields[", StringComparison.Ordinal))
        {
            var close = key.IndexOf(']');
            var i = int.Parse(key.AsSpan(7, close - 7), CultureInfo.InvariantCulture);
            var part = key[(close + 2)..];
            return (rows[i].Line, Column("field_" + part switch { "personalInformation" => "personal", _ => part }));
        }

        var english = key switch
        {
            "ownerId" => "owner_id",
            "serviceId" => "service_id",
            "openForOperation" => "open_for_operation",
            "districtField" => "district_field",
            "recordPath" => "record_path",
            "queryPrice" => "query_price",
            "verifyPrice" => "verify_price",
            "revenueShare" => "revenue_share",
            "standardLevel" => "standard_level",
            "maxPageSize" => "max_page_size",
            "consentSubjectField" => "consent_subject_field",
            "recordKeyField" => "record_key_field",
            "disputeAnswerDays" => "dispute_answer_days",
            "districtReturnFields" => "field_district_return",
            "fields" => "field_name",
            _ => key,
        };
        return (rows[0].Line, Column(english));
    }

    private bool? ParseFlag(int line, string[] header, int[] index, int column, string value)
    {
        switch (value)
        {
            case "":
                return null;
            case "是" or "Y" or "y" or "true" or "TRUE" or "1":
                return true;
            case "否" or "N" or "n" or "false" or "FALSE" or "0":
                return false;
            default:
                _errors.Add(new ImportError(line, header[index[column]], CatalogMessages.Get("import_invalid.not_flag", value)));
                return null;
        }
    }

    private decimal? ParseMoney(int line, string[] header, int[] index, int column, string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var amount))
        {
            return amount;
        }

        _errors.Add(new ImportError(line, header[index[column]], CatalogMessages.Get("import_invalid.not_number", value)));
        return null;
    }

    private int? ParseCount(int line, string[] header, int[] index, int column, string value)
    {
        if (value.Length == 0)
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return count;
        }

        _errors.Add(new ImportError(line, header[index[column]], CatalogMessages.Get("import_invalid.not_whole_number", value)));
        return null;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
