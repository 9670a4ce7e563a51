namespace DataGateway.Filtering;

/// <summary>What an open container means to the filter.</summary>
internal enum FrameKind : byte
{
    /// <summary>An object on the record path, outside the records: copied as it is, except at the record path key.</summary>
    Envelope,

    /// <summary>The array at the record path: each element is a record.</summary>
    RecordArray,

    /// <summary>An object inside a record, filtered against a plan node (the record itself is one).</summary>
    Object,

    /// <summary>An array under a partly granted key (<c>a</c> of <c>a.b</c>): object elements are filtered, others dropped.</summary>
    Array,
}
