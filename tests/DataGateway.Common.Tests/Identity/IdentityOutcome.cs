using DataGateway.Policy.Decisions;

namespace DataGateway.Common.Tests.Identity;

/// <summary>What the host answered: the caller it signed in, or the code of its 401.</summary>
internal sealed record IdentityOutcome(CallerIdentity? Caller, string? ErrorCode, HttpResponseMessage Response)
{
    public bool Succeeded => Caller is not null;
}
