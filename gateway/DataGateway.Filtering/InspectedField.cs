namespace DataGateway.Filtering;

/// <summary>
/// The fields of a record the filter reads to decide about the record, not only to return it: each may be read
/// although it is not granted, and each is found by the same exact, unescaped, duplicate-aware key matching.
/// </summary>
[Flags]
internal enum InspectedField : byte
{
    None = 0,

    /// <summary>The district field (区划属性): decides which district's row the record is.</summary>
    District = 1,

    /// <summary>The consent subject field (持证主体): under a consent, only the subject's own records are returned.</summary>
    Subject = 2,

    /// <summary>The record key field: names a returned record in the ledger and finds its dispute mark.</summary>
    RecordKey = 4,
}
