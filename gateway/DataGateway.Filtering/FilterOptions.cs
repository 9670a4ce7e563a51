namespace DataGateway.Filtering;

/// <summary>Limits of <see cref="ResponseFieldFilter"/>. Memory per call is about one record plus two buffers.</summary>
internal sealed class FilterOptions
{
    public static readonly FilterOptions Default = new();

    /// <summary>The largest record (or any single JSON token) the filter buffers; beyond it the call fails with
    /// <see cref="FilterErrorCodes.UpstreamRecordTooLarge"/>.</summary>
    public int MaxRecordBytes { get; init; } = 16 * 1024 * 1024;

    /// <summary>The deepest nesting accepted anywhere in the body (the root container is depth 1); beyond it the call
    /// fails with <see cref="FilterErrorCodes.UpstreamTooDeep"/>.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>The size of the first read buffer; it grows only while a record larger than it is buffered. 256 KB: a
    /// loopback upstream hands over up to that much per read, and each read is one pass of the reader (issue 19).</summary>
    public int ReadBufferBytes { get; init; } = 256 * 1024;

    /// <summary>Output is written to the caller in pieces of at least this size (except the last), each one flush: 128 KB
    /// makes a 1 MB answer 7 flushes instead of 28 (issue 19).</summary>
    public int WriteChunkBytes { get; init; } = 128 * 1024;
}
