using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace DataGateway.Common.Text;

/// <summary>
/// Chooses the request's language from <c>Accept-Language</c> (see <see cref="MessageLanguage.Choose"/>), so every
/// message written below it is in the caller's language.
/// </summary>
/// <remarks>
/// Hand-written rather than ASP.NET Core's RequestLocalizationMiddleware: that one sets cultures, which need ICU
/// (the services run with invariant globalization) and would change how numbers and dates are formatted in CSV,
/// bills and ledger records. Only the texts may change.
/// </remarks>
internal sealed class MessageLanguageMiddleware(RequestDelegate next)
{
    public Task Invoke(HttpContext context)
    {
        MessageLanguage.Use(MessageLanguage.Choose(context.Request));
        return next(context);
    }
}

/// <summary>Adds <see cref="MessageLanguageMiddleware"/>.</summary>
public static class MessageLanguageExtensions
{
    /// <summary>Answers in the caller's language from here on; put it first, so even the error handler's answers follow.</summary>
    public static IApplicationBuilder UseMessageLanguage(this IApplicationBuilder app) => app.UseMiddleware<MessageLanguageMiddleware>();
}
