namespace DataGateway.Filtering;

/// <summary>The filter's state for one open container it looks into (containers it skips get no frame).</summary>
internal struct FilterFrame
{
    public FrameKind Kind;

    /// <summary>Object and Array frames: the plan for the container's keys.</summary>
    public PlanNode? Node;

    /// <summary>Envelope frames: which segment of the record path this object's key must match.</summary>
    public int Level;

    /// <summary>Envelope frames: the current key is the record path's next segment.</summary>
    public bool OnPathKey;

    /// <summary>Object frames: the index of the current key among <see cref="Node"/>'s children, -1 when dropped.</summary>
    public int PendingChild;

    /// <summary>Object and Array frames: output is written for this container (false when only looking for a field the filter reads).</summary>
    public bool Emit;

    /// <summary>
    /// Object frames: this object is reached from the record through objects only, and the session reads some
    /// <see cref="InspectedField"/>, so it may hold one.
    /// </summary>
    public bool Inspect;

    public bool IsRecordRoot;

    /// <summary>Object frames: a granted key occurred more than once; all its occurrences are removed on close.</summary>
    public bool HasDuplicate;

    /// <summary>Members (or elements) written so far, for commas.</summary>
    public int Written;

    /// <summary>Object frames: where this object's per-key counters start in the shared counter stack.</summary>
    public int SeenBase;

    /// <summary>Object frames: where this object's member segments start in the shared segment stack.</summary>
    public int SegmentBase;

    /// <summary>RecordArray frames: a record has been written, so the next one needs a comma.</summary>
    public bool AnyKept;

    /// <summary>
    /// Object frames looked into only for a field the filter reads although granted whole: the absolute input offset of the
    /// object, copied raw when it closes; -1 otherwise.
    /// </summary>
    public long RawCopyStart;
}
