namespace DataGateway.Catalog.Transfer;

/// <summary>
/// The file is not CSV: a quoted field runs to the end. Carries the line the field starts on, so the import lists it
/// by line like every other problem, in the caller's language (the message here is only for logs).
/// </summary>
public sealed class CsvFormatException(int line) : FormatException($"Line {line}: a quoted field is not closed.")
{
    public int Line { get; } = line;
}
