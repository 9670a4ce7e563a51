using DataGateway.Catalog.Storage;
using DataGateway.Catalog.Store.Applications;
using DataGateway.Catalog.Store.Grants;
using DataGateway.Catalog.Store.Snapshots;
using DataGateway.Policy.Model;
using Marten;
using Npgsql;

namespace DataGateway.Catalog.Datasets;

/// <summary>Reads and writes datasets with their fields; SQL for datasets lives here only.</summary>
public static class DatasetStore
{
    // The prices shown are the ones in effect now (p, from the schedule): a scheduled change may have taken effect since
    // the row's own columns were written, and they keep what was last set.
    private const string Columns =
        """
        code, title, description, owner_id, domain, sharing, open_for_operation, district_field, district_return_fields,
        coalesce(p.query_price, d.query_price), coalesce(p.verify_price, d.verify_price), coalesce(p.revenue_share, d.revenue_share),
        standard_level, service_id, path, record_path, row_version, updated_at, max_page_size
        """;

    private const string SearchText = "left join dataset_search s on s.dataset_code = d.code";

    private const string PricesInEffect = "left join lateral dataset_price_at(d.code, now()) p on true";

    /// <summary>A dataset row <c>d</c> with its fields, as one JSON document: the history's before and after.</summary>
    public const string DatasetJsonSql =
        """
        (to_jsonb(d) || jsonb_build_object('fields',
            (select coalesce(jsonb_agg(to_jsonb(f) - 'dataset_code' order by f.ordinal), '[]'::jsonb) from dataset_fields f where f.dataset_code = d.code)))::text
        """;

    /// <summary>
    /// Rewrites the search text (<c>dataset_search</c>, schema 011) of the datasets whose codes <paramref name="codes"/>
    /// (a query) yields, from their rows, fields and owner's name as they now are. Every writer of datasets, fields or
    /// an organization's name runs it in its change. The fields are aggregated in one grouped pass rather than per dataset: right after an import's bulk
    /// insert the planner has no statistics for them, and a per-dataset subquery then scans every field each time.
    /// </summary>
    public static string RefreshSearchSql(string codes) =>
        $"""
        insert into dataset_search (dataset_code, search_text)
            select d.code, lower(concat_ws(' ', d.code, d.title, d.description, d.domain, d.owner_id, o.data->>'name', f.text))
            from datasets d
            join mt_doc_organization o on o.id = d.owner_id
            left join (select dataset_code, string_agg(name || ' ' || title, ' ' order by ordinal) as text
                       from dataset_fields where dataset_code in ({codes}) group by dataset_code) f on f.dataset_code = d.code
            where d.code in ({codes})
        on conflict (dataset_code) do update set search_text = excluded.search_text
        """;

    /// <summary>Writes the dataset row and replaces its fields. The body must have passed <see cref="DatasetValidator"/>.</summary>
    public static async Task WriteAsync(CatalogTransaction tx, string code, DatasetBody body, bool creating, CancellationToken cancellationToken)
    {
        await using (var command = tx.Command(creating
            ? """
              insert into datasets (code, title, description, owner_id, service_id, path, domain, sharing, open_for_operation, district_field,
                                    record_path, district_return_fields, query_price, verify_price, revenue_share, standard_level, max_page_size)
              values (@code, @title, @description, @owner, @service, @path, @domain, @sharing, @open, @districtField,
                      @recordPath, @returnFields, @queryPrice, @verifyPrice, @share, @standard, @maxPageSize)
              """
            : """
              update datasets set title = @title, description = @description, owner_id = @owner, service_id = @service, path = @path,
                     domain = @domain, sharing = @sharing, open_for_operation = @open, district_field = @districtField,
                     record_path = @recordPath, district_return_fields = @returnFields, query_price = @queryPrice,
                     verify_price = @verifyPrice, revenue_share = @share, standard_level = @standard, max_page_size = @maxPageSize,
                     row_version = row_version + 1, updated_at = now()
              where code = @code
              """))
        {
            command.Parameters.AddWithValue("code", code);
            command.Parameters.AddWithValue("title", body.Title!.Trim());
            command.Parameters.AddWithValue("description", body.Description ?? "");
            command.Parameters.AddWithValue("owner", body.OwnerId!);
            command.Parameters.AddWithValue("service", body.ServiceId!);
            command.Parameters.AddWithValue("path", body.Path!);
            command.Parameters.AddWithValue("domain", body.Domain!);
            command.Parameters.AddWithValue("sharing", body.Sharing!);
            command.Parameters.AddWithValue("open", body.OpenForOperation ?? false);
            command.Parameters.AddWithValue("districtField", (object?)body.DistrictField ?? DBNull.Value);
            command.Parameters.AddWithValue("recordPath", body.RecordPath ?? "");
            command.Parameters.AddWithValue("returnFields", (object?)body.DistrictReturnFields ?? DBNull.Value);
            command.Parameters.AddWithValue("queryPrice", body.QueryPrice ?? 0m);
            command.Parameters.AddWithValue("verifyPrice", body.VerifyPrice ?? 0m);
            command.Parameters.AddWithValue("share", body.RevenueShare ?? 0m);
            command.Parameters.AddWithValue("standard", body.StandardLevel ?? "city");
            command.Parameters.AddWithValue("maxPageSize", body.MaxPageSize ?? Dataset.DefaultMaxPageSize);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var delete = tx.Command("delete from dataset_fields where dataset_code = @code"))
        {
            delete.Parameters.AddWithValue("code", code);
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        var fields = body.Fields!;
        await using var insert = tx.Command(
            """
            insert into dataset_fields (dataset_code, ordinal, name, title, type, level, personal, mask)
            select @code, ordinal, name, title, type, level, personal, mask
            from unnest(@ordinals, @names, @titles, @types, @levels, @personal, @masks) as f(ordinal, name, title, type, level, personal, mask)
            """);
        insert.Parameters.AddWithValue("code", code);
        insert.Parameters.AddWithValue("ordinals", Enumerable.Range(0, fields.Length).ToArray());
        insert.Parameters.AddWithValue("names", fields.Select(f => f.Name!).ToArray());
        insert.Parameters.AddWithValue("titles", fields.Select(f => f.Title!.Trim()).ToArray());
        insert.Parameters.AddWithValue("types", fields.Select(f => f.Type ?? "string").ToArray());
        insert.Parameters.AddWithValue("levels", fields.Select(f => (short)ParseLevel(f.Level)).ToArray());
        insert.Parameters.AddWithValue("personal", fields.Select(f => f.PersonalInformation ?? false).ToArray());
        insert.Parameters.AddWithValue("masks", fields.Select(f => CanonicalMask(f.Mask)).ToArray());
        await insert.ExecuteNonQueryAsync(cancellationToken);

        await using var search = tx.Command(RefreshSearchSql("select @code"));
        search.Parameters.AddWithValue("code", code);
        await search.ExecuteNonQueryAsync(cancellationToken);
    }

    public static string CanonicalMask(string? mask) => MaskRule.TryParse(mask, out var rule) ? rule.ToString() : "none";

    private static FieldLevel ParseLevel(string? level) =>
        DatasetValidator.TryParseLevel(level, out var parsed) ? parsed : throw new ArgumentException("Unvalidated level.", nameof(level));

    /// <summary>One page of datasets matching the filters, with their fields.</summary>
    public static async Task<DatasetPage> SearchAsync(
        NpgsqlConnection connection, DatasetSearch search, bool includeService, CancellationToken cancellationToken)
    {
        // Every term of q must occur in the dataset's search text (code, title, description, domain, owner id and name,
        // field names and titles); substrings, so two-character Chinese words (法人, 黄浦) match.
        const string where =
            """
            (@terms::text[] is null
                or not exists (select 1 from unnest(@terms::text[]) t(term) where strpos(coalesce(s.search_text, ''), t.term) = 0))
            and (@owner::text is null or owner_id = @owner)
            and (@domain::text is null or domain = @domain)
            and (@sharing::text is null or sharing = @sharing)
            and (@code::text is null or code = @code)
            """;
        // One scan gives the page and the total (a window count), rather than a count scan and then a page scan: a
        // keyword that matches little is the slow case, and it reads every row either way. Prices are looked up for the
        // page's rows only. Only a page past the end has no row to carry the total, and asks for it separately.
        long? total = null;
        await using var command = new NpgsqlCommand(
            $"""
            select {Columns}, page.total from (
                select d.code as page_code, count(*) over () as total from datasets d {SearchText} where {where}
                order by d.code limit @size offset @offset) page
            join datasets d on d.code = page.page_code {PricesInEffect} order by code
            """, connection);
        search.Bind(command);
        command.Parameters.AddWithValue("size", search.Size);
        command.Parameters.AddWithValue("offset", (long)(search.Page - 1) * search.Size);
        var rows = new List<(DatasetView View, string[]? ReturnFields)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                total = reader.GetInt64(19);
                rows.Add((new DatasetView(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    reader.GetBoolean(6), reader.IsDBNull(7) ? null : reader.GetString(7), [],
                    reader.GetDecimal(9), reader.GetDecimal(10), reader.GetDecimal(11), reader.GetString(12), reader.GetInt32(18), [],
                    includeService ? new DatasetServiceView(reader.GetString(13), reader.GetString(14), reader.GetString(15)) : null,
                    reader.GetInt64(16), reader.GetFieldValue<DateTimeOffset>(17)),
                    reader.IsDBNull(8) ? null : reader.GetFieldValue<string[]>(8)));
            }
        }

        if (total is null && search.Page > 1)
        {
            await using var count = new NpgsqlCommand($"select count(*) from datasets d {SearchText} where {where}", connection);
            search.Bind(count);
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var fields = await FieldsAsync(connection, rows.Select(r => r.View.Code).ToArray(), cancellationToken);
        var items = rows.Select(r =>
        {
            var own = fields.GetValueOrDefault(r.View.Code) ?? [];
            var returnFields = r.ReturnFields ?? CatalogSnapshotLoader.DefaultDistrictReturnFields(own.Select(ToDefinition)).ToArray();
            return r.View with { Fields = own, DistrictReturnFields = own.Select(f => f.Name!).Where(returnFields.Contains).ToArray() };
        }).ToArray();
        return new DatasetPage(total ?? 0, search.Page, search.Size, items);
    }

    private static FieldDefinition ToDefinition(FieldBody f) =>
        new(f.Name!, f.Title!, f.Type!, ParseLevel(f.Level), f.PersonalInformation ?? false, MaskRule.None);

    private static async Task<Dictionary<string, FieldBody[]>> FieldsAsync(NpgsqlConnection connection, string[] codes, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, List<FieldBody>>(StringComparer.Ordinal);
        await using var command = new NpgsqlCommand(
            "select dataset_code, name, title, type, level, personal, mask from dataset_fields where dataset_code = any(@codes) order by dataset_code, ordinal",
            connection);
        command.Parameters.AddWithValue("codes", codes);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var code = reader.GetString(0);
            if (!result.TryGetValue(code, out var list))
            {
                result[code] = list = [];
            }

            list.Add(new FieldBody(reader.GetString(1), reader.GetString(2), reader.GetString(3), "L" + reader.GetInt16(4), reader.GetBoolean(5), reader.GetString(6)));
        }

        return result.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Ends the workflows of a dataset being deleted: revokes its <paramref name="liveGrants"/> and rejects its
    /// undecided applications with <paramref name="reason"/>, each an event on its own stream.
    /// </summary>
    public static async Task CloseWorkflowsAsync(
        CatalogTransaction tx, string code, IReadOnlyList<GrantDocument> liveGrants, string reason, CancellationToken cancellationToken)
    {
        foreach (var grant in liveGrants)
        {
            var revoked = new GrantRevoked(reason, tx.Actor, tx.Now);
            tx.Append<GrantDocument>(grant.Id, grant.Version, revoked);
            await tx.RecordAsync("grant", grant.Id, revoked.Action, tx.Json(grant), tx.Json(revoked), cancellationToken);
        }

        var open = await tx.Session.Query<ApplicationDocument>()
            .Where(a => a.DatasetCode == code && a.State == ApplicationStates.Submitted).ToListAsync(cancellationToken);
        foreach (var application in open)
        {
            var rejected = new ApplicationRejected(reason, tx.Actor, tx.Now);
            tx.Append<ApplicationDocument>(application.Id, application.Version, rejected);
            await tx.RecordAsync("application", application.Id, rejected.Action, tx.Json(application), tx.Json(rejected), cancellationToken);
        }

        await tx.SaveAsync(cancellationToken);
    }
}
