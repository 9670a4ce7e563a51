namespace DataGateway.Catalog.Transfer;

/// <summary>One problem of an import: the spreadsheet line, the column (by the name the file uses), and what is wrong.</summary>
public sealed record ImportError(int Line, string Column, string Message);
