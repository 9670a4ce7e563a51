namespace DataGateway.Returns.Jobs;

/// <summary>A dataset returned again every <see cref="EveryMinutes"/> minutes: the request the scheduler makes each time.</summary>
/// <param name="Districts">Null: every district organization at the time of each run.</param>
/// <param name="LastErrorCode">Why the last due run started no job (the dataset no longer returnable, a job still unfinished); null when it did.</param>
public sealed record ReturnSchedule(
    string Dataset,
    string Mode,
    string? WatermarkField,
    string[]? Districts,
    int? PageSize,
    int EveryMinutes,
    DateTimeOffset NextRunAt,
    Guid? LastJobId,
    string? LastErrorCode,
    DateTimeOffset? LastRunAt,
    string UpdatedBy,
    DateTimeOffset UpdatedAt);
