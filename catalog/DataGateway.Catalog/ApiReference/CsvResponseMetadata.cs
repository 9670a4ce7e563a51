namespace DataGateway.Catalog.ApiReference;

/// <summary>Endpoint metadata: a 200 answer can also be CSV (UTF-8 with a BOM, Chinese headers).</summary>
public sealed class CsvResponseMetadata
{
    public static readonly CsvResponseMetadata Instance = new();

    private CsvResponseMetadata()
    {
    }
}
