namespace DataGateway.Filtering;

/// <summary>Where one written member of an object starts in the output, so that duplicated keys can be taken out again.</summary>
internal readonly record struct MemberSegment(int Child, long Start);
