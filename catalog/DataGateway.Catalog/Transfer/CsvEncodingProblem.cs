namespace DataGateway.Catalog.Transfer;

/// <summary>Why an imported file's encoding was refused.</summary>
public enum CsvEncodingProblem
{
    None,

    /// <summary>A UTF-16 byte order mark (Excel's "Unicode text").</summary>
    Utf16,

    /// <summary>A UTF-32 byte order mark.</summary>
    Utf32,

    /// <summary>A UTF-8 byte order mark followed by bytes that are not UTF-8.</summary>
    InvalidUtf8AfterBom,

    /// <summary>Neither valid UTF-8 nor GB18030 (Big5, Shift-JIS, a binary file …).</summary>
    Neither,
}
