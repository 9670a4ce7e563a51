namespace DataGateway.Returns.Jobs;

/// <summary>One return job as stored: what is pushed and how far the read has got.</summary>
public sealed record ReturnJob(
    Guid Id,
    string Dataset,
    string Mode,
    string? WatermarkField,
    string State,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Worker,
    long? CatalogVersion,
    int PageSize,
    long? SourceTotal,
    long RowsRead,
    HeldRows Held,
    double RunSeconds,
    string? ErrorCode,
    string? Error,
    DateTimeOffset UpdatedAt);

/// <summary>Rows no district received, by why: no district field, a code of no district, the field given twice, not an object.</summary>
public sealed record HeldRows(long Missing, long Unknown, long Ambiguous, long NotObject)
{
    public long Total => Missing + Unknown + Ambiguous + NotObject;
}

/// <summary>What one district of a job has received (its receipt), and the checkpoint the worker resumes from.</summary>
public sealed record ReturnReceipt(
    string District,
    string OrganizationId,
    string State,
    string? WatermarkFrom,
    long? SourceRows,
    long RowsDelivered,
    long Batches,
    long Failures,
    int Attempts,
    string? FirstWatermark,
    string? LastWatermark,
    string? LastErrorCode,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    int ResumePage,
    int ResumeSkip,
    DateTimeOffset UpdatedAt)
{
    /// <summary>Reconciliation: the source's count for the district is known and differs from what was delivered.</summary>
    public bool Gap(string jobState) =>
        SourceRows is { } source && source != RowsDelivered && (jobState == ReturnJobStates.Completed || State == ReturnDistrictStates.Delivered);
}

/// <summary>A district a new job pushes to, and (incremental) the watermark it starts above.</summary>
public sealed record ReturnJobDistrict(string District, string OrganizationId, string? WatermarkFrom);
