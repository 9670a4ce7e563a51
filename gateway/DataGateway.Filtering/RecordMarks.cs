namespace DataGateway.Filtering;

/// <summary>The member the gateway writes into a marked record, and only the gateway: an upstream's own is never passed on.</summary>
internal static class RecordMarks
{
    /// <summary>The member's name; a field the catalog names so is never granted by a <see cref="FilterPlan"/>.</summary>
    public const string Member = DataGateway.Policy.Model.DisputeMarks.Member;

    /// <summary><c>,"_dispute":"</c> is written before the mark; the comma only after another member.</summary>
    public static ReadOnlySpan<byte> MemberPrefix => "\"_dispute\":\""u8;
}
