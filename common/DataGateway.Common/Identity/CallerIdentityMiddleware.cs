using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace DataGateway.Common.Identity;

/// <summary>
/// Signs the caller in through JwtBearer, or has it challenge: 401 problem+json with the refusal's stable code
/// (<see cref="CallerJwtBearerEvents"/>). Nothing after it runs for an unauthenticated request.
/// </summary>
/// <remarks>
/// A middleware rather than an authorization policy: it sits exactly where each service's pipeline needs the caller
/// (the gateway's data path after its edge stages, the catalog's <c>/v1</c>), so health, metrics and the API reference
/// never refuse for a token, and the caller is on a feature for the stages after. (Once the scheme is registered,
/// ASP.NET Core adds <c>UseAuthentication</c> at the start of the pipeline by itself; that only sets
/// <see cref="HttpContext.User"/> and answers nothing, and the handler's result is computed once per request and
/// reused here.)
/// </remarks>
internal sealed class CallerIdentityMiddleware(RequestDelegate next)
{
    public async Task Invoke(HttpContext context)
    {
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (result.Principal?.Identity is not CallerClaimsIdentity identity)
        {
            await context.ChallengeAsync(JwtBearerDefaults.AuthenticationScheme);
            return;
        }

        context.User = result.Principal;
        context.Features.Set<ICallerFeature>(new CallerFeature(identity.Caller));
        await next(context);
    }
}
