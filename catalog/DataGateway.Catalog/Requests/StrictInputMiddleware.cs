using DataGateway.Catalog.Problems;
using DataGateway.Common.Problems;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace DataGateway.Catalog.Requests;

/// <summary>
/// Refuses, before any endpoint runs, input that could mean two things or that the database would choke on: a path
/// or query parameter with a refused character, and a JSON body with a duplicate or unknown member, a value of the
/// wrong type or a refused character (<see cref="JsonBodyScanner"/>). Each answer is 400 problem+json with a stable
/// code and names the member; nothing has been read or changed yet.
/// </summary>
internal sealed class StrictInputMiddleware(RequestDelegate next, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json)
{
    public async Task Invoke(HttpContext context)
    {
        if (await RefusedTextAsync(context))
        {
            return;
        }

        var accepts = context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>();
        if (accepts?.RequestType is not null && IsJson(context.Request.ContentType))
        {
            // Control-plane bodies are small; the whole body is read once here and bound from memory afterwards.
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted);
            if (buffer.Length == 0)
            {
                if (!accepts.IsOptional)
                {
                    await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, CatalogProblems.JsonMalformed,
                        CatalogMessages.Get("json_malformed.empty"), Member(""));
                    return;
                }
            }
            else if (JsonBodyScanner.Scan(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), accepts.RequestType, json.Value.SerializerOptions) is { } issue)
            {
                await WriteAsync(context, issue);
                return;
            }

            context.Request.Body = new MemoryStream(buffer.GetBuffer(), 0, (int)buffer.Length, writable: false);
        }

        await next(context);
    }

    private static async Task<bool> RefusedTextAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        if (TextRules.IndexOfForbidden(path, multiline: false) is >= 0 and var at)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, CatalogProblems.TextForbiddenCharacter,
                CatalogMessages.Get("text_forbidden_character.path", TextRules.Describe(path, at)), Member("path"));
            return true;
        }

        foreach (var (name, values) in context.Request.Query)
        {
            foreach (var text in values.Prepend(name))
            {
                if (text is not null && TextRules.IndexOfForbidden(text, multiline: false) is >= 0 and var bad)
                {
                    await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, CatalogProblems.TextForbiddenCharacter,
                        CatalogMessages.Get("text_forbidden_character.query", Printable(name), TextRules.Describe(text, bad)), Member(Printable(name)));
                    return true;
                }
            }
        }

        return false;
    }

    private static Task WriteAsync(HttpContext context, JsonBodyIssue issue)
    {
        var (code, detail) = issue.Kind switch
        {
            JsonBodyIssueKind.DuplicateMember => (CatalogProblems.JsonDuplicateMember, CatalogMessages.Get("json_duplicate_member.detail", issue.Member)),
            JsonBodyIssueKind.UnknownMember => (CatalogProblems.JsonUnknownMember, CatalogMessages.Get("json_unknown_member.detail", Printable(issue.Member))),
            JsonBodyIssueKind.WrongType => (CatalogProblems.JsonWrongType, CatalogMessages.Get("json_wrong_type." + issue.Expected, issue.Member)),
            JsonBodyIssueKind.ForbiddenCharacter when issue.Character is null =>
                (CatalogProblems.TextForbiddenCharacter, CatalogMessages.Get("text_forbidden_character.surrogate", issue.Member)),
            JsonBodyIssueKind.ForbiddenCharacter =>
                (CatalogProblems.TextForbiddenCharacter, CatalogMessages.Get("text_forbidden_character.member", issue.Member, issue.Character)),
            _ => (CatalogProblems.JsonMalformed, CatalogMessages.Get("json_malformed.detail")),
        };
        return ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, code, detail, Member(Printable(issue.Member)));
    }

    private static Dictionary<string, object?> Member(string member) => new() { ["member"] = member };

    /// <summary>A name from the request as it may be echoed: refused characters shown as U+XXXX.</summary>
    private static string Printable(string name)
    {
        if (TextRules.IndexOfForbidden(name, multiline: false) < 0)
        {
            return name;
        }

        var builder = new System.Text.StringBuilder(name.Length + 8);
        foreach (var c in name)
        {
            builder.Append(TextRules.IndexOfForbidden([c], multiline: false) < 0 ? c.ToString() : TextRules.Describe([c], 0));
        }

        return builder.ToString();
    }

    private static bool IsJson(string? contentType) =>
        MediaTypeHeaderValue.TryParse(contentType, out var media)
        && (media.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || media.MediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase));
}
