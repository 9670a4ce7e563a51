using DataGateway.Policy.Decisions;

namespace DataGateway.Common.Identity;

/// <summary>A validated caller, or the stable code and a sentence saying why the token was refused.</summary>
public readonly record struct TokenValidationOutcome(CallerIdentity? Caller, string? ErrorCode, string? Detail)
{
    public bool Succeeded => Caller is not null;

    public static TokenValidationOutcome Success(CallerIdentity caller) => new(caller, null, null);

    public static TokenValidationOutcome Failure(string code, string detail) => new(null, code, detail);
}
