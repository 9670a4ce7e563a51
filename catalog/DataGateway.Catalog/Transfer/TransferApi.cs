using System.Text;
using DataGateway.Catalog.Datasets;
using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using NpgsqlTypes;

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
            // The prices in effect now, not the row's last-set columns: a file exported and imported again must not undo a
            // scheduled change that has taken effect since (an import sets its prices from now on).
            """
            with prices as (
                select distinct on (dataset_code) dataset_code, query_price, verify_price, revenue_share
                from dataset_prices where effective_from <= now()
                order by dataset_code, effective_from desc)
            select d.code, d.title, d.description, d.owner_id, d.service_id, d.path, d.domain, d.sharing, d.open_for_operation, d.district_field,
                   d.record_path, coalesce(p.query_price, d.query_price), coalesce(p.verify_price, d.verify_price),
                   coalesce(p.revenue_share, d.revenue_share), d.standard_level,
                   f.name, f.title, f.type, f.level, f.personal, f.mask,
                   case when d.district_return_fields is null then null else f.name = any(d.district_return_fields) end,
                   d.max_page_size
            from datasets d join dataset_fields f on f.dataset_code = d.code left join prices p on p.dataset_code = d.code
            order by d.code, f.ordinal
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

    /// <summary>
    /// Writes the whole import in bulk: binary COPY into staging tables, one upsert, one field replacement, and one
    /// history event per dataset with its before and after, all under one catalog version.
    /// </summary>
    private static async Task<(int Created, int Updated)> WriteAsync(CatalogTransaction tx, List<DatasetCsvParser.ParsedDataset> datasets, CancellationToken cancellationToken)
    {
        var version = await tx.VersionAsync(cancellationToken);
        await Execute(tx, """
            create temp table import_datasets (like datasets including defaults) on commit drop;
            create temp table import_fields (like dataset_fields) on commit drop;
            """, cancellationToken);

        await using (var copy = await tx.Connection.BeginBinaryImportAsync(
            """
            copy import_datasets (code, title, description, owner_id, service_id, path, domain, sharing, open_for_operation, district_field,
                                  record_path, district_return_fields, query_price, verify_price, revenue_share, standard_level, max_page_size)
                 from stdin (format binary)
            """, cancellationToken))
        {
            foreach (var body in datasets.Select(d => d.Body))
            {
                await copy.StartRowAsync(cancellationToken);
                await copy.WriteAsync(body.Code!, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(body.Title!.Trim(), NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(body.Description ?? "", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(body.OwnerId!, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(body.ServiceId!, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(body.Path!, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(body.Domain!, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(body.Sharing!, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(body.OpenForOperation ?? false, NpgsqlDbType.Boolean, cancellationToken);
                await WriteNullable(copy, body.DistrictField, NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(body.RecordPath ?? "", NpgsqlDbType.Text, cancellationToken);
                await WriteNullable(copy, body.DistrictReturnFields, NpgsqlDbType.Array | NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(body.QueryPrice ?? 0m, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(body.VerifyPrice ?? 0m, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(body.RevenueShare ?? 0m, NpgsqlDbType.Numeric, cancellationToken);
                await copy.WriteAsync(body.StandardLevel ?? "city", NpgsqlDbType.Text, cancellationToken);
                await copy.WriteAsync(body.MaxPageSize ?? Policy.Model.Dataset.DefaultMaxPageSize, NpgsqlDbType.Integer, cancellationToken);
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await using (var copy = await tx.Connection.BeginBinaryImportAsync(
            "copy import_fields (dataset_code, ordinal, name, title, type, level, personal, mask) from stdin (format binary)", cancellationToken))
        {
            foreach (var body in datasets.Select(d => d.Body))
            {
                for (var i = 0; i < body.Fields!.Length; i++)
                {
                    var field = body.Fields[i];
                    DatasetValidator.TryParseLevel(field.Level, out var level);
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(body.Code!, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(i, NpgsqlDbType.Integer, cancellationToken);
                    await copy.WriteAsync(field.Name!, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(field.Title!.Trim(), NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(field.Type ?? "string", NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync((short)level, NpgsqlDbType.Smallint, cancellationToken);
                    await copy.WriteAsync(field.PersonalInformation ?? false, NpgsqlDbType.Boolean, cancellationToken);
                    await copy.WriteAsync(DatasetStore.CanonicalMask(field.Mask), NpgsqlDbType.Text, cancellationToken);
                }
            }

            await copy.CompleteAsync(cancellationToken);
        }

        await Execute(tx, $"""
            create temp table import_before on commit drop as
                select d.code, {DatasetStore.DatasetJsonSql} as json from datasets d where d.code in (select code from import_datasets);
            insert into datasets (code, title, description, owner_id, service_id, path, domain, sharing, open_for_operation, district_field,
                                  record_path, district_return_fields, query_price, verify_price, revenue_share, standard_level, max_page_size)
                select code, title, description, owner_id, service_id, path, domain, sharing, open_for_operation, district_field,
                       record_path, district_return_fields, query_price, verify_price, revenue_share, standard_level, max_page_size
                from import_datasets
            on conflict (code) do update set
                title = excluded.title, description = excluded.description, owner_id = excluded.owner_id, service_id = excluded.service_id,
                path = excluded.path, domain = excluded.domain, sharing = excluded.sharing, open_for_operation = excluded.open_for_operation,
                district_field = excluded.district_field, record_path = excluded.record_path, district_return_fields = excluded.district_return_fields,
                query_price = excluded.query_price, verify_price = excluded.verify_price, revenue_share = excluded.revenue_share,
                standard_level = excluded.standard_level, max_page_size = excluded.max_page_size, row_version = datasets.row_version + 1, updated_at = now();
            delete from dataset_fields where dataset_code in (select code from import_datasets);
            insert into dataset_fields select * from import_fields;
            insert into catalog_events (version, actor, entity, entity_id, action, before, after)
                select {version}, @actor, 'dataset', d.code, case when b.code is null then 'created' else 'updated' end,
                       b.json::jsonb, {DatasetStore.DatasetJsonSql}::jsonb
                from datasets d join import_datasets i on i.code = d.code left join import_before b on b.code = d.code
                order by d.code;
            """, cancellationToken, ("actor", tx.Actor));

        await Execute(tx, DatasetStore.RefreshSearchSql("select code from import_datasets"), cancellationToken);

        await using var count = tx.Command("select count(*) from import_before");
        var updated = (int)(long)(await count.ExecuteScalarAsync(cancellationToken))!;
        return (datasets.Count - updated, updated);
    }

    private static async Task WriteNullable<T>(NpgsqlBinaryImporter copy, T? value, NpgsqlDbType type, CancellationToken cancellationToken)
    {
        if (value is null)
        {
            await copy.WriteNullAsync(cancellationToken);
        }
        else
        {
            await copy.WriteAsync(value, type, cancellationToken);
        }
    }

    private static async Task Execute(CatalogTransaction tx, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = tx.Command(sql);

        // A city-sized import's bulk statements take seconds on an idle machine and far longer on a busy one; the 30 s
        // default would refuse a good file for the machine's load alone (nothing is kept either way: one transaction).
        command.CommandTimeout = 600;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
