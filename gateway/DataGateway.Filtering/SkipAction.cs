namespace DataGateway.Filtering;

/// <summary>What happens when the container being skipped closes.</summary>
internal enum SkipAction : byte
{
    /// <summary>Nothing: the container was dropped, or it is outside the records and copied as it is.</summary>
    Discard,

    /// <summary>The container was granted whole: its input bytes are copied to the record's output.</summary>
    CopyRaw,

    /// <summary>The record is already known to be out of scope: it is dropped.</summary>
    DropRecord,
}
