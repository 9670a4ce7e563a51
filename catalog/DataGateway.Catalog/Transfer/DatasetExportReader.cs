using System.Globalization;
using DataGateway.Catalog.Store.Documents;
using Npgsql;

namespace DataGateway.Catalog.Transfer;

/// <summary>
/// The export's query over the dataset documents and how one of its rows becomes a CSV line, kept out of
/// <see cref="TransferApi"/> so that the API file holds no SQL (issue 13 point 5).
/// </summary>
internal static class DatasetExportReader
{
    /// <summary>The import's Chinese column headers, in its order: an exported file imports as it is.</summary>
    public static string Header { get; } = string.Join(',', DatasetCsvColumns.All.Select(c => c.Chinese));

    /// <summary>
    /// Every live dataset, one row per field in the fields' order. The prices are those in effect now, not the
    /// dataset's last-set ones: a file exported and imported again must not undo a scheduled change that has taken
    /// effect since (an import sets its prices from now on).
    /// </summary>
    public static NpgsqlCommand Query(NpgsqlConnection connection) => new(
        $"""
        select d.id, c->>'title', c->>'description', c->>'ownerId', c->>'serviceId', c->>'path', c->>'domain', c->>'sharing',
               (c->>'openForOperation')::boolean, c->>'districtField', c->>'recordPath',
               coalesce(p.query_price, (c->>'queryPrice')::numeric), coalesce(p.verify_price, (c->>'verifyPrice')::numeric),
               coalesce(p.revenue_share, (c->>'revenueShare')::numeric), c->>'standardLevel',
               f.e->>'name', f.e->>'title', f.e->>'type', (f.e->>'level')::smallint, (f.e->>'personal')::boolean, f.e->>'mask',
               case when jsonb_typeof(c->'districtReturnFields') = 'array' then (c->'districtReturnFields') ? (f.e->>'name') end,
               (c->>'maxPageSize')::int, c->>'consentSubjectField', c->>'recordKeyField', coalesce((c->>'disputeAnswerDays')::int, 15)
        from {CatalogTables.Datasets} d
        cross join lateral (select d.data) as x(c)
        cross join lateral jsonb_array_elements(c->'fields') with ordinality as f(e, ordinal)
        left join lateral (
            select s."queryPrice" as query_price, s."verifyPrice" as verify_price, s."revenueShare" as revenue_share
            from jsonb_to_recordset(d.data->'prices') as s("effectiveFrom" timestamptz, "queryPrice" numeric, "verifyPrice" numeric, "revenueShare" numeric)
            where s."effectiveFrom" <= now() order by s."effectiveFrom" desc limit 1) p on true
        where d.data->>'deletedAt' is null
        order by d.id, f.ordinal
        """, connection);

    /// <summary>Turns a row of <see cref="Query"/> into its CSV line; one buffer of cells per export, reused row after row.</summary>
    public static Func<NpgsqlDataReader, string> LineReader()
    {
        var cells = new string[DatasetCsvColumns.All.Length];
        return reader =>
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
            cells[11] = reader.GetDecimal(11).ToString("0.00", CultureInfo.InvariantCulture);
            cells[12] = reader.GetDecimal(12).ToString("0.00", CultureInfo.InvariantCulture);
            cells[13] = reader.GetDecimal(13).ToString("0.####", CultureInfo.InvariantCulture);
            cells[14] = DatasetCsvColumns.ChineseStandardLevel(reader.GetString(14));
            cells[15] = reader.GetString(15);
            cells[16] = reader.GetString(16);
            cells[17] = reader.GetString(17);
            cells[18] = "L" + reader.GetInt16(18);
            cells[19] = reader.GetBoolean(19) ? "是" : "否";
            cells[20] = reader.GetString(20);
            cells[21] = reader.IsDBNull(21) ? "" : reader.GetBoolean(21) ? "是" : "否";
            cells[22] = reader.GetInt32(22).ToString(CultureInfo.InvariantCulture);
            cells[23] = reader.IsDBNull(23) ? "" : reader.GetString(23);
            cells[24] = reader.IsDBNull(24) ? "" : reader.GetString(24);
            cells[25] = reader.GetInt32(25).ToString(CultureInfo.InvariantCulture);
            return string.Join(',', cells.Select(CsvReader.Escape));
        };
    }
}
