using DataGateway.Filtering;
namespace DataGateway.Gateway.Enforcement;

/// <summary>What the field filter did for the current call: rows seen and returned, bytes written, or its error. The ledger reads it.</summary>
public interface IFilterResultFeature
{
    long RecordsSeen { get; }

    long RecordsReturned { get; }

    long BytesWritten { get; }

    /// <summary>Null when the body was filtered completely.</summary>
    string? ErrorCode { get; }
}

internal sealed class FilterResultFeature(FilterResult result) : IFilterResultFeature
{
    public long RecordsSeen => result.RecordsSeen;

    public long RecordsReturned => result.RecordsReturned;

    public long BytesWritten => result.BytesWritten;

    public string? ErrorCode => result.ErrorCode;
}
