namespace DataGateway.Filtering;

/// <summary>
/// What one call adds to a shared <see cref="FilterPlan"/>: values that differ from call to call (the consent's
/// subject, the catalog's dispute marks, where the returned records' keys go) and so are never compiled into a
/// cached plan.
/// </summary>
internal sealed class FilterCall
{
    /// <summary>Nothing per call: the plan alone decides.</summary>
    public static readonly FilterCall None = new();

    /// <summary>
    /// The subject (持证主体) of the consent the call was made under; null without a consent. When set, a record is
    /// returned only when its subject field (<see cref="FilterPlan.HasSubjectField"/>) is a JSON string whose text is
    /// exactly this; a plan without a subject field then returns no record at all (fails closed).
    /// </summary>
    public string? Subject { get; init; }

    /// <summary>The dispute marks of the dataset's records, by record key; null: records are not marked.</summary>
    public IRecordMarks? Marks { get; init; }

    /// <summary>Collects the record key of every record returned; null: keys are not collected.</summary>
    public RecordKeyCollector? Keys { get; init; }
}
