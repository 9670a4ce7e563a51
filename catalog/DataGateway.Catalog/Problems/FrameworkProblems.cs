using DataGateway.Common.Text;
using Microsoft.AspNetCore.Http;

namespace DataGateway.Catalog.Problems;

/// <summary>
/// Gives every problem the catalog writes — its own and the framework's (a body that is not JSON, an unknown path, a
/// wrong method, an unhandled exception) — a stable code, and a title and detail from the message table in the
/// caller's language.
/// </summary>
internal static class FrameworkProblems
{
    public static void Customize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        var ours = problem.Extensions.TryGetValue("code", out var existing) && existing is string;
        var code = ours ? (string)existing! : CodeFor(problem.Status);
        problem.Extensions["code"] = code;
        MessageLanguage.MarkLocalized(context.HttpContext.Response);
        if (ours)
        {
            return;
        }

        // The framework's own English title and detail (and an exception's message, which may say too much) give
        // way to the table's.
        problem.Title = CatalogMessages.Get(code);
        problem.Detail = CatalogMessages.Table.Contains(code + ".detail") ? CatalogMessages.Get(code + ".detail") : null;
    }

    private static string CodeFor(int? status) => status switch
    {
        400 => "request_invalid",
        404 => "not_found",
        405 => "method_not_allowed",
        413 => "request_too_large",
        415 => "unsupported_media_type",
        _ => "internal_error",
    };
}
