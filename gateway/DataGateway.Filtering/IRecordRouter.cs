namespace DataGateway.Filtering;

/// <summary>
/// Takes the records a filter run returns, each with its district, instead of the output document: how the returns
/// worker splits one read of a dataset into every district's own rows, through the very filter the data API uses.
/// </summary>
/// <remarks>
/// Records are handed over as each one closes, before the rest of the body is validated. A router must hold them
/// until the run has <see cref="FilterResult.Succeeded"/> and drop them otherwise: a body that turns out malformed
/// delivers nothing.
/// </remarks>
internal interface IRecordRouter
{
    /// <summary>A record of the district at <paramref name="districtIndex"/> in the plan's <see cref="DistrictMatcher.Codes"/>:
    /// the filtered JSON object (granted fields only, masked). The spans are valid only during the call.</summary>
    /// <param name="recordKey">The UTF-8 text of the record's key when the plan has a record key field; empty when it
    /// has none or the record has no usable one (missing, given twice, not a string or an integer, longer than
    /// <see cref="RecordKeyCollector.MaxKeyBytes"/>).</param>
    void OnRecord(int districtIndex, ReadOnlySpan<byte> record, ReadOnlySpan<byte> recordKey);

    /// <summary>An element at the record path that no district may receive, and why.</summary>
    void OnHeld(HeldReason reason);
}
