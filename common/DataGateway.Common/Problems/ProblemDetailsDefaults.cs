using DataGateway.Common.Hosting;
using DataGateway.Common.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DataGateway.Common.Problems;

/// <summary>
/// Gives the problem answers ASP.NET Core writes (<c>TypedResults.Problem</c>, validation problems, status-code pages,
/// the exception handler) the same shape as <see cref="ProblemResponses"/>: a stable <c>code</c> (by status where the
/// code did not name one, with the message table's title and detail), the <see cref="ProblemTypes"/> type, the path as
/// instance and the request id.
/// </summary>
public static class ProblemDetailsDefaults
{
    public static IServiceCollection AddDataGatewayProblemDetails(this IServiceCollection services) =>
        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            var problem = context.ProblemDetails;
            if (!problem.Extensions.TryGetValue("code", out var named) || named is not string code)
            {
                code = CodeOf(problem.Status ?? context.HttpContext.Response.StatusCode);
                problem.Extensions["code"] = code;
                // The framework's own English title and detail (and an exception's message, which may say too
                // much) give way to the message table's, in the caller's language.
                if (context.HttpContext.RequestServices?.GetService<MessageTable>() is { } messages)
                {
                    problem.Title = messages.Get(code);
                    problem.Detail = messages.Contains(code + ".detail") ? messages.Get(code + ".detail") : null;
                }
            }

            MessageLanguage.MarkLocalized(context.HttpContext.Response);

            problem.Type = ProblemTypes.For(code);
            problem.Instance ??= context.HttpContext.Request.Path.Value;
            // The request id is the one correlation id both services give; ASP.NET's own trace id would be a second.
            problem.Extensions.Remove("traceId");
            RequestIds.Restore(context.HttpContext);
            if (RequestIds.Of(context.HttpContext) is { } requestId)
            {
                problem.Extensions["requestId"] = requestId;
            }
        });

    /// <summary>The code of an answer the framework wrote without one, by its status.</summary>
    public static string CodeOf(int status) => status switch
    {
        StatusCodes.Status400BadRequest => EdgeProblemCodes.RequestInvalid,
        StatusCodes.Status401Unauthorized => EdgeProblemCodes.NotSignedIn,
        StatusCodes.Status403Forbidden => EdgeProblemCodes.Forbidden,
        StatusCodes.Status404NotFound => EdgeProblemCodes.NotFound,
        StatusCodes.Status405MethodNotAllowed => EdgeProblemCodes.MethodNotAllowed,
        StatusCodes.Status408RequestTimeout => EdgeProblemCodes.RequestTimeout,
        StatusCodes.Status409Conflict => EdgeProblemCodes.Conflict,
        StatusCodes.Status413PayloadTooLarge => EdgeProblemCodes.RequestTooLarge,
        StatusCodes.Status414UriTooLong => EdgeProblemCodes.TargetTooLong,
        StatusCodes.Status415UnsupportedMediaType => EdgeProblemCodes.UnsupportedMediaType,
        StatusCodes.Status431RequestHeaderFieldsTooLarge => EdgeProblemCodes.HeadersTooLarge,
        StatusCodes.Status503ServiceUnavailable => EdgeProblemCodes.Unavailable,
        _ => EdgeProblemCodes.InternalError,
    };
}
