using System.Text;
using DataGateway.Catalog.Datasets;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Datasets;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Transfer;

/// <summary>
/// The catalog as a spreadsheet: import datasets with their fields from CSV (all or nothing, every bad row reported
/// by line) and export them in the same format.
/// </summary>
public static class TransferApi
{
    /// <summary>The most errors one answer lists; the total is always given.</summary>
    private const int MaxListedErrors = 1000;

    public static IEndpointRouteBuilder MapTransferApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/import/datasets", Import).RequireAdmin().WithTags("Import and export").WithSummary("批量导入目录 Import datasets from CSV").Accepts<string>("text/csv").Refuses(400, CatalogProblems.ImportInvalid);
        app.MapGet("/v1/export/datasets", Export).RequireAdmin().WithTags("Import and export").WithSummary("导出目录 Export the catalog as CSV").ProducesCsv();
        return app;
    }

    /// <param name="Encoding">How the file was read: <c>utf-8-bom</c>, <c>utf-8</c> or <c>gb18030</c> (<see cref="CsvEncoding"/>).</param>
    public sealed record ImportResult(int Datasets, int Fields, int Created, int Updated, long Version, string Encoding);

    public static async Task<Results<Ok<ImportResult>, ProblemHttpResult>> Import(HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        // A whole city's catalog (17,320 datasets × 20 fields) is some 60 MB of CSV: above Kestrel's default limit.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = 1L << 30;
        }

        // The parser reads synchronously; take the body in first rather than block a thread on the network.
        var body = new MemoryStream();
        await http.Request.Body.CopyToAsync(body, cancellationToken);
        var decoded = CsvEncoding.Detect(body.GetBuffer().AsSpan(0, (int)body.Length));
        if (decoded.Problem != CsvEncodingProblem.None)
        {
            return EncodingRefused(decoded.Problem);
        }

        var parser = new DatasetCsvParser();
        using var text = new StringReader(decoded.Text!);
        var datasets = await Task.Run(() => parser.Parse(text), cancellationToken);
        var errors = parser.Errors.ToList();

        return await db.WriteAsync<Results<Ok<ImportResult>, ProblemHttpResult>>(http.Caller().OrganizationId, async tx =>
        {
            await CheckReferencesAsync(tx, datasets, errors, cancellationToken);
            if (errors.Count > 0 || datasets.Count == 0)
            {
                if (errors.Count == 0)
                {
                    errors.Add(new ImportError(1, "", CatalogMessages.Get("import_invalid.no_datasets")));
                }

                var listed = errors.OrderBy(e => e.Line).Take(MaxListedErrors).ToArray();
                return tx.Fail(TypedResults.Problem(
                    title: CatalogMessages.Get(CatalogProblems.ImportInvalid),
                    detail: CatalogMessages.Get("import_invalid.detail", errors.Count),
                    statusCode: StatusCodes.Status400BadRequest,
                    extensions: new Dictionary<string, object?> { ["code"] = CatalogProblems.ImportInvalid, ["encoding"] = decoded.Name, ["errorCount"] = errors.Count, ["errors"] = listed }));
            }

            var (created, updated) = await WriteAsync(tx, datasets, cancellationToken);
            return TypedResults.Ok(new ImportResult(datasets.Count, datasets.Sum(d => d.Body.Fields!.Length), created, updated, await tx.VersionAsync(cancellationToken), decoded.Name!));
        }, cancellationToken);
    }

    private static ProblemHttpResult EncodingRefused(CsvEncodingProblem problem) => EncodingProblem(problem switch
    {
        CsvEncodingProblem.Utf16 => CatalogMessages.Get("import_encoding_unsupported.utf16"),
        CsvEncodingProblem.Utf32 => CatalogMessages.Get("import_encoding_unsupported.utf32"),
        CsvEncodingProblem.InvalidUtf8AfterBom => CatalogMessages.Get("import_encoding_unsupported.utf8_after_bom"),
        _ => CatalogMessages.Get("import_encoding_unsupported.unknown"),
    });

    private static ProblemHttpResult EncodingProblem(string detail) =>
        TypedResults.Problem(
            title: CatalogMessages.Get(CatalogProblems.ImportEncodingUnsupported),
            detail: detail,
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?> { ["code"] = CatalogProblems.ImportEncodingUnsupported, ["accepted"] = new[] { CsvEncoding.Utf8Bom, CsvEncoding.Utf8, CsvEncoding.Gb18030 } });

    /// <summary>Every dataset of the catalog, one row per field, with the import's Chinese headers; UTF-8 with a BOM so spreadsheets read the Chinese.</summary>
    public static async Task Export(HttpContext http, CatalogWriter db, CancellationToken cancellationToken)
    {
        await using var connection = await db.OpenAsync(cancellationToken);
        await using var command = DatasetExportReader.Query(connection);
        // Whole or visibly broken, never a file that merely ends early (see CsvDownload).
        await CsvDownload.WriteAsync(http, "datasets.csv", DatasetExportReader.Header, command, DatasetExportReader.LineReader(), cancellationToken);
    }

    private static async Task CheckReferencesAsync(CatalogTransaction tx, List<DatasetCsvParser.ParsedDataset> datasets, List<ImportError> errors, CancellationToken cancellationToken)
    {
        var (departments, services) = await DatasetStore.ReferenceIdsAsync(tx, cancellationToken);
        foreach (var dataset in datasets)
        {
            if (!departments.Contains(dataset.Body.OwnerId!))
            {
                errors.Add(new ImportError(dataset.FirstLine, "数源部门", CatalogMessages.Get("validation.not_department", dataset.Body.OwnerId)));
            }

            if (!services.Contains(dataset.Body.ServiceId!))
            {
                errors.Add(new ImportError(dataset.FirstLine, "数据服务", CatalogMessages.Get("validation.not_service", dataset.Body.ServiceId)));
            }
        }
    }

    /// <summary>How many datasets' streams one SaveChanges sends: measured as the batch size that keeps a city-sized import fast (MARTEN-NOTES).</summary>
    private const int StreamsPerSave = 500;

    /// <summary>
    /// Writes the whole import as events in this change's one transaction: each dataset a <see cref="DatasetRegistered"/>
    /// or <see cref="DatasetChanged"/> on its stream (inline projection, so the documents follow), sent
    /// <see cref="StreamsPerSave"/> streams at a time, all under one catalog version (the event sequence once every stream is sent). The
    /// events' links in the catalog's chain are written when the change is flushed, in one COPY (<c>CatalogChainWriter</c>).
    /// </summary>
    private static async Task<(int Created, int Updated)> WriteAsync(CatalogTransaction tx, List<DatasetCsvParser.ParsedDataset> datasets, CancellationToken cancellationToken)
    {
        var codes = datasets.Select(d => d.Body.Code!).ToArray();
        var versions = await DatasetStore.StreamVersionsAsync(tx, codes, cancellationToken);
        var current = (await tx.Session.LoadManyAsync<DatasetDocument>(cancellationToken, codes)).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var updated = 0;
        foreach (var chunk in datasets.Chunk(StreamsPerSave))
        {
            foreach (var body in chunk.Select(d => d.Body))
            {
                var code = body.Code!;
                var before = current.GetValueOrDefault(code);
                var live = DatasetStore.IsLive(before);
                var content = DatasetStore.ContentOf(body);
                object change = live ? new DatasetChanged(content, tx.Actor, tx.Now) : new DatasetRegistered(code, content, tx.Actor, tx.Now);
                DatasetStore.Append(tx, code, versions.GetValueOrDefault(code), before, change);
                updated += live ? 1 : 0;
            }

            await tx.SaveAsync(cancellationToken);
        }

        return (datasets.Count - updated, updated);
    }
}
