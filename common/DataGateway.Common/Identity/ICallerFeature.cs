using DataGateway.Policy.Decisions;

namespace DataGateway.Common.Identity;

/// <summary>The validated caller of the current request; set by the identity middleware, absent when it refused.</summary>
public interface ICallerFeature
{
    CallerIdentity Caller { get; }
}

internal sealed record CallerFeature(CallerIdentity Caller) : ICallerFeature;
