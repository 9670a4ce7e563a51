namespace DataGateway.Returns.Jobs;

/// <summary>A return job's states. Queued and running jobs are the worker's; the others wait for an admin.</summary>
public static class ReturnJobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Paused = "paused";
    public const string Cancelled = "cancelled";

    /// <summary>Every district is delivered or has failed for good (its receipt says why).</summary>
    public const string Completed = "completed";

    /// <summary>The source could not be read, or the job cannot run at all (its error says why); resuming tries again.</summary>
    public const string Failed = "failed";

    public static readonly IReadOnlyList<string> All = [Queued, Running, Paused, Cancelled, Completed, Failed];
}

/// <summary>A district's state within a job.</summary>
public static class ReturnDistrictStates
{
    public const string Pending = "pending";
    public const string Delivering = "delivering";

    /// <summary>The last attempt failed in a way that may pass (5xx, 429, a timeout, a dropped connection): retried at <c>nextAttemptAt</c>.</summary>
    public const string Waiting = "waiting";
    public const string Delivered = "delivered";

    /// <summary>Given up: the landing zone refuses (4xx), is missing, or kept failing; resuming the job tries again.</summary>
    public const string Failed = "failed";
}

/// <summary>Full: every row. Incremental: only rows whose watermark field is above what the district last received.</summary>
public static class ReturnModes
{
    public const string Full = "full";
    public const string Incremental = "incremental";
}
