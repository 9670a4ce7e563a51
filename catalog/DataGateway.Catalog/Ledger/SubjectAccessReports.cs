using DataGateway.Catalog.ApiReference;
using DataGateway.Catalog.Consents;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Ledger;

/// <summary>
/// The access report's per-subject view (持证主体的数据去向): "who read my record, and under which consent" as one query,
/// for the consent issuer's organization (on its subjects' behalf) and admins.
/// </summary>
internal static class SubjectAccessReports
{
    public static readonly QueryParameterDoc[] Parameters =
    [
        new("subject", "持证主体。The data subject: the value of a dataset's consent subject field (e.g. an ID number); the consent issuer's organization or admins."),
        new("dataset", "数据集。With district: the dataset (required). With subject: only this dataset's calls."),
        new("district", "区划。Whose rows (six digits); with dataset, not with subject.", Pattern: "^[0-9]{6}$"),
        new("from", "起始时间（含）。Calls started at or after this ISO 8601 time with its offset.", Format: "date-time"),
        new("to", "截止时间（不含）。Calls started before this ISO 8601 time with its offset.", Format: "date-time"),
    ];

    public static async Task<Results<Ok<AccessReport>, Ok<SubjectAccessReport>, ValidationProblem, ProblemHttpResult>> ReadAsync(
        HttpContext http, string subject, string? dataset, string? district, string? from, string? to, LedgerReadDataSource reads, CancellationToken cancellationToken)
    {
        // Refused before anything is read or validated: a caller that may not ask learns nothing of the subject.
        if (!ConsentAccess.Allowed(http))
        {
            return ConsentAccess.Refusal();
        }

        var errors = new Dictionary<string, string[]>();
        if (subject.Length is 0 or > Common.Consent.ConsentToken.MaxIdLength || subject.Any(char.IsControl))
        {
            errors["subject"] = [CatalogMessages.Get("validation.subject", Common.Consent.ConsentToken.MaxIdLength)];
        }

        if (district is not null)
        {
            errors["district"] = [CatalogMessages.Get("validation.subject_with_district")];
        }

        var fromTime = from is null ? null : LedgerApi.ParseTime(from);
        var toTime = to is null ? null : LedgerApi.ParseTime(to);
        if (from is not null && fromTime is null)
        {
            errors["from"] = [CatalogMessages.Get("validation.time")];
        }

        if (to is not null && toTime is null)
        {
            errors["to"] = [CatalogMessages.Get("validation.time")];
        }
        else if (fromTime is not null && toTime <= fromTime)
        {
            errors["to"] = [CatalogMessages.Get("validation.to_after_from")];
        }

        if (errors.Count > 0)
        {
            return CatalogProblems.Validation(errors);
        }

        var filter = string.IsNullOrEmpty(dataset) ? null : dataset;
        await using var connection = await reads.OpenAsync(cancellationToken);
        if (await DetachedMonths.RefuseIfDetachedAsync(connection, fromTime, toTime, cancellationToken) is { } archived)
        {
            return archived;
        }

        var page = ListPaging.Requested(http);
        var (lines, total) = await SubjectAccessQuery.ReadAsync(connection, subject, filter, fromTime, toTime, page, cancellationToken);
        ListPaging.WriteHeaders(http, page, total);
        return TypedResults.Ok(new SubjectAccessReport(subject, filter, fromTime, toTime, [.. lines]));
    }
}
