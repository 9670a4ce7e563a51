using System.Diagnostics;
using DataGateway.Returns.Jobs;

namespace DataGateway.Returns.Running;

/// <summary>The job being run and how long it has run, over this run and the earlier ones of a resumed job.</summary>
internal sealed class ReturnRunContext(ReturnJob job)
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public ReturnJob Job { get; } = job;

    public double RunSeconds => Job.RunSeconds + Stopwatch.GetElapsedTime(_started).TotalSeconds;
}
