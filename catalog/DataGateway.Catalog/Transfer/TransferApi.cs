using System.Text;
using DataGateway.Catalog.Datasets;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Datasets;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

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
        await using var command = new NpgsqlCommand(
            // The prices in effect now, not the dataset's last-set ones: a file exported and imported again must not undo a
            // scheduled change that has taken effect since (an import sets its prices from now on).
            $"""
            select d.id, c->>'title', c->>'description', c->>'ownerId', c->>'serviceId', c->>'path', c->>'domain', c->>'sharing',
                   (c->>'openForOperation')::boolean, c->>'districtField', c->>'recordPath',
                   coalesce(p.query_price, (c->>'queryPrice')::numeric), coalesce(p.verify_price, (c->>'verifyPrice')::numeric),
                   coalesce(p.revenue_share, (c->>'revenueShare')::numeric), c->>'standardLevel',
                   f.e->>'name', f.e->>'title', f.e->>'type', (f.e->>'level')::smallint, (f.e->>'personal')::boolean, f.e->>'mask',
                   case when jsonb_typeof(c->'districtReturnFields') = 'array' then (c->'districtReturnFields') ? (f.e->>'name') end,
                   (c->>'maxPageSize')::int
            from {Store.Documents.CatalogTables.Datasets} d
            cross join lateral (select d.data) as x(c)
            cross join lateral jsonb_array_elements(c->'fields') with ordinality as f(e, ordinal)
            left join lateral (
                select s."queryPrice" as query_price, s."verifyPrice" as verify_price, s."revenueShare" as revenue_share
                from jsonb_to_recordset(d.data->'prices') as s("effectiveFrom" timestamptz, "queryPrice" numeric, "verifyPrice" numeric, "revenueShare" numeric)
                where s."effectiveFrom" <= now() order by s."effectiveFrom" desc limit 1) p on true
            where d.data->>'deletedAt' is null
            order by d.id, f.ordinal
            """, connection);
        var cells = new string[DatasetCsvColumns.All.Length];
        // Whole or visibly broken, never a file that merely ends early (see CsvDownload).
        await CsvDownload.WriteAsync(http, "datasets.csv", string.Join(',', DatasetCsvColumns.All.Select(c => c.Chinese)), command, reader =>
        {
            cells[0] = reader.GetString(0);
            cells[1] = reader.GetString(1);
            cells[2] = reader.GetString(2);
            cells[3] = reader.GetString(3);
            cells[4] = reader.GetString(4);
            cells[5] = reader.GetString(5);
            cells[6] = reader.GetString(6);
            cells[7] = DatasetCsvColumns.ChineseSharing(reader.GetString(7));
            cells[8] = reader.GetBoolean(8) ? "是" : "否";
            cells[9] = reader.IsDBNull(9) ? "" : reader.GetString(9);
            cells[10] = reader.GetString(10);
            cells[11] = reader.GetDecimal(11).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            cells[12] = reader.GetDecimal(12).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture);
            cells[13] = reader.GetDecimal(13).ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
            cells[14] = DatasetCsvColumns.ChineseStandardLevel(reader.GetString(14));
            cells[15] = reader.GetString(15);
            cells[16] = reader.GetString(16);
            cells[17] = reader.GetString(17);
            cells[18] = "L" + reader.GetInt16(18);
            cells[19] = reader.GetBoolean(19) ? "是" : "否";
            cells[20] = reader.GetString(20);
            cells[21] = reader.IsDBNull(21) ? "" : reader.GetBoolean(21) ? "是" : "否";
            cells[22] = reader.GetInt32(22).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return string.Join(',', cells.Select(CsvReader.Escape));
        }, cancellationToken);
    }

    private static async Task CheckReferencesAsync(CatalogTransaction tx, List<DatasetCsvParser.ParsedDataset> datasets, List<ImportError> errors, CancellationToken cancellationToken)
    {
        var departments = new HashSet<string>(StringComparer.Ordinal);
        var services = new HashSet<string>(StringComparer.Ordinal);
        await using (var command = tx.Command("select id, 'o' from mt_doc_organization where data->>'kind' = 'department' union all select id, 's' from mt_doc_dataservice"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                (reader.GetString(1) == "o" ? departments : services).Add(reader.GetString(0));
            }
        }

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
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        await using (var command = tx.Command("select id, version from mt_streams where id = any(@codes)"))
        {
            command.Parameters.AddWithValue("codes", codes);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                versions[reader.GetString(0)] = reader.GetInt64(1);
            }
        }

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
