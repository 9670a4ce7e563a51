using DataGateway.Common.Problems;
using DataGateway.Common.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DataGateway.Common.Identity;

/// <summary>
/// Answers a refused token as the platform answers everything: 401 problem+json whose <c>code</c> says why, with the
/// title and detail from the message table in the caller's language (the handler's English sentence stays in the
/// logs), and the <c>WWW-Authenticate</c> challenge of RFC 6750.
/// </summary>
internal sealed class CallerJwtBearerEvents : JwtBearerEvents
{
    public override Task Challenge(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var (code, detail) = TokenRefusals.Of(context.AuthenticateFailure);
        var http = context.HttpContext;
        http.Response.Headers.WWWAuthenticate = code == EdgeProblemCodes.TokenMissing ? "Bearer" : "Bearer error=\"invalid_token\"";
        var messages = http.RequestServices?.GetService<MessageTable>();
        var key = code + ".detail";
        return ProblemResponses.WriteAsync(http, StatusCodes.Status401Unauthorized, code, messages?.Contains(key) == true ? messages.Get(key) : detail);
    }
}
