using System.Security.Claims;
using DataGateway.Policy.Decisions;

namespace DataGateway.Common.Identity;

/// <summary>
/// The claims of a validated token together with the caller they describe, read once when the token was validated;
/// a token found in the cache brings its caller along instead of having its claims read on every call.
/// </summary>
internal sealed class CallerClaimsIdentity(CallerIdentity caller, ClaimsIdentity validated) : ClaimsIdentity(validated)
{
    public CallerIdentity Caller { get; } = caller;

    /// <summary>A copy that keeps the caller (the framework clones identities, e.g. with an authentication ticket).</summary>
    public override ClaimsIdentity Clone() => new CallerClaimsIdentity(Caller, this);
}
