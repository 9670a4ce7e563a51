namespace DataGateway.Catalog.Storage;

/// <summary>Which page of a control-plane list a caller asked for, already validated by <see cref="ListPaging"/>.</summary>
/// <param name="Number">1-based page number.</param>
/// <param name="Size">Rows per page.</param>
public sealed record ListPage(int Number, int Size)
{
    /// <summary>Rows before this page; a long because 1,000,000 pages of 1,000 rows pass an int.</summary>
    public long Offset => (long)(Number - 1) * Size;
}
