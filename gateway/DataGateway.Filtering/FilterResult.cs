namespace DataGateway.Filtering;

/// <summary>The outcome of filtering one response, with the counts the call ledger records.</summary>
/// <param name="ErrorCode">Null on success; else one of <see cref="FilterErrorCodes"/>, and the output is incomplete.</param>
/// <param name="RecordsSeen">Record elements read from upstream, including ones that were not objects.</param>
/// <param name="RecordsReturned">Records written to the caller: the rows disclosed.</param>
/// <param name="BytesWritten">Bytes written to the caller.</param>
internal readonly record struct FilterResult(string? ErrorCode, long RecordsSeen, long RecordsReturned, long BytesWritten)
{
    public bool Succeeded => ErrorCode is null;
}
