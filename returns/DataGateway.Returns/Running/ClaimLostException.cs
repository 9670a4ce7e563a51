namespace DataGateway.Returns.Running;

/// <summary>A write found the job no longer claimed by this worker (another took it over): stop at once, write nothing more.</summary>
internal sealed class ClaimLostException(Guid jobId) : Exception($"Return job {jobId} is no longer claimed by this worker.");
