using DataGateway.Common.Problems;
using DataGateway.Common.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DataGateway.Common.Identity;

/// <summary>
/// Signs the caller in from the bearer token, or answers 401 problem+json with the refusal's stable code. Nothing
/// after it runs for an unauthenticated request.
/// </summary>
internal sealed class CallerIdentityMiddleware(RequestDelegate next, ITokenValidator validator)
{
    public async Task Invoke(HttpContext context)
    {
        var outcome = await validator.ValidateAsync(context.Request.Headers.Authorization.ToString() is { Length: > 0 } header ? header : null, context.RequestAborted);
        if (!outcome.Succeeded)
        {
            context.Response.Headers.WWWAuthenticate = outcome.ErrorCode == IdentityErrorCodes.Missing
                ? "Bearer"
                : "Bearer error=\"invalid_token\"";
            // The detail comes from the message table by code, in the caller's language; the validator's own English
            // detail stays in the logs.
            var messages = context.RequestServices?.GetService<MessageTable>();
            var key = outcome.ErrorCode + ".detail";
            var detail = messages?.Contains(key) == true ? messages.Get(key) : outcome.Detail;
            await ProblemResponses.WriteAsync(context, StatusCodes.Status401Unauthorized, outcome.ErrorCode!, detail);
            return;
        }

        context.Features.Set<ICallerFeature>(new CallerFeature(outcome.Caller!));
        await next(context);
    }
}
