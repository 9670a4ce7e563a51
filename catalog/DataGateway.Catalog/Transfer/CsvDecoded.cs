namespace DataGateway.Catalog.Transfer;

/// <summary>What <see cref="CsvEncoding.Detect"/> found: the text and the encoding's name, or why the file was refused.</summary>
/// <param name="Name">One of <see cref="CsvEncoding.Utf8Bom"/>, <see cref="CsvEncoding.Utf8"/>, <see cref="CsvEncoding.Gb18030"/>; null when refused.</param>
public sealed record CsvDecoded(string? Text, string? Name, CsvEncodingProblem Problem);
