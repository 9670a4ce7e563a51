namespace DataGateway.Filtering;

/// <summary>Why a record was held back from every district.</summary>
internal enum HeldReason
{
    /// <summary>The record has no district field (or null there).</summary>
    DistrictMissing,

    /// <summary>The district value is not one of the plan's codes, or not a code at all (an object, a boolean, 310101.0).</summary>
    DistrictUnknown,

    /// <summary>The district field is given twice: which one counts depends on the parser.</summary>
    DistrictAmbiguous,

    /// <summary>The element is not a JSON object, so not a record.</summary>
    NotAnObject,

    /// <summary>
    /// Under a consent: the record's subject field is missing, not a JSON string, given twice, or names someone other
    /// than the consent's subject.
    /// </summary>
    SubjectMismatch,
}
