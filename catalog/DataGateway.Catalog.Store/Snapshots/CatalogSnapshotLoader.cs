using System.Data;
using System.Text.Json;
using DataGateway.Catalog.Store.Documents;
using DataGateway.Policy.Model;
using Npgsql;

namespace DataGateway.Catalog.Store.Snapshots;

/// <summary>
/// Reads the whole catalog, consistently, into an immutable <see cref="CatalogSnapshot"/>. One repeatable-read
/// transaction, so the version and every row belong to the same moment.
/// </summary>
public static class CatalogSnapshotLoader
{
    public static async Task<CatalogSnapshot> LoadAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken = default)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);

        var version = (long)(await Scalar(connection, transaction, CatalogVersion.Sql, cancellationToken))!;
        var organizations = await ReadAll(connection, transaction,
            $"""
            select id, data->>'name', data->>'kind', data->>'districtCode', array(select jsonb_array_elements_text(data->'licensedDomains'))
            from {CatalogTables.Organizations}
            """,
            r => new Organization(
                r.GetString(0),
                r.GetString(1),
                CatalogText.ParseKind(r.GetString(2)),
                r.IsDBNull(3) ? null : r.GetString(3),
                r.GetFieldValue<string[]>(4).ToHashSet(StringComparer.Ordinal)),
            cancellationToken);
        var services = await ReadAll(connection, transaction,
            $"select id, data->>'ownerId', data->>'baseAddress', (data->'districtAddresses')::text, (data->>'timeoutMs')::int from {CatalogTables.DataServices}",
            r => new DataService(
                r.GetString(0),
                r.GetString(1),
                r.IsDBNull(2) ? null : new Uri(r.GetString(2)),
                ParseAddresses(r.GetString(3)),
                TimeSpan.FromMilliseconds(r.GetInt32(4))),
            cancellationToken);

        // Catalogs repeat themselves (the same field, title and mask in thousands of datasets): one shared object per
        // distinct value keeps a city-sized snapshot small and quick to build.
        var pool = new SnapshotPool();
        var fieldsByDataset = new Dictionary<string, List<FieldDefinition>>(StringComparer.Ordinal);
        await ReadEach(connection, transaction,
            $"""
            select d.id, f.e->>'name', f.e->>'title', f.e->>'type', (f.e->>'level')::smallint, (f.e->>'personal')::boolean, f.e->>'mask'
            from {CatalogTables.Datasets} d, jsonb_array_elements(d.data->'fields') with ordinality as f(e, ordinal)
            where d.data->>'deletedAt' is null
            order by d.id, f.ordinal
            """,
            r =>
            {
                var code = r.GetString(0);
                if (!fieldsByDataset.TryGetValue(code, out var list))
                {
                    fieldsByDataset[code] = list = [];
                }

                list.Add(pool.Field(r.GetString(1), r.GetString(2), r.GetString(3), (FieldLevel)r.GetInt16(4), r.GetBoolean(5), r.GetString(6)));
            },
            cancellationToken);

        // Each dataset's price schedule from the entry in effect a day ago on. Older entries can no longer price a call
        // (the day covers any clock skew between a gateway and the database), so years of price changes cost nothing.
        var pricesByDataset = new Dictionary<string, List<DatasetPrice>>(StringComparer.Ordinal);
        await ReadEach(connection, transaction,
            $"""
            select d.id, p."effectiveFrom", p."queryPrice", p."verifyPrice", p."revenueShare", now() - interval '1 day'
            from {CatalogTables.Datasets} d,
                 jsonb_to_recordset(d.data->'prices') as p("effectiveFrom" timestamptz, "queryPrice" numeric, "verifyPrice" numeric, "revenueShare" numeric)
            where d.data->>'deletedAt' is null
            order by d.id, p."effectiveFrom"
            """,
            r =>
            {
                var code = r.GetString(0);
                if (!pricesByDataset.TryGetValue(code, out var list))
                {
                    pricesByDataset[code] = list = [];
                }

                var entry = new DatasetPrice(r.GetFieldValue<DateTimeOffset>(1), r.GetDecimal(2), r.GetDecimal(3), r.GetDecimal(4));
                if (entry.EffectiveFrom <= r.GetFieldValue<DateTimeOffset>(5))
                {
                    // An entry a day old or more replaces the ones before it: only the latest of them can still price a call.
                    list.Clear();
                }

                list.Add(entry);
            },
            cancellationToken);

        var datasets = await ReadAll(connection, transaction,
            $"""
            select d.id, c->>'title', c->>'ownerId', c->>'serviceId', c->>'path', c->>'domain', c->>'sharing', (c->>'openForOperation')::boolean,
                   c->>'districtField', c->>'recordPath',
                   case when jsonb_typeof(c->'districtReturnFields') = 'array' then array(select jsonb_array_elements_text(c->'districtReturnFields')) end,
                   (c->>'queryPrice')::numeric, (c->>'verifyPrice')::numeric, (c->>'revenueShare')::numeric, (c->>'maxPageSize')::int
            from {CatalogTables.Datasets} d cross join lateral (select d.data) as x(c)
            where d.data->>'deletedAt' is null
            """,
            r =>
            {
                var code = r.GetString(0);
                var fields = fieldsByDataset.GetValueOrDefault(code) ?? [];
                var returnFields = r.IsDBNull(10)
                    ? pool.Set(fields.Where(f => f.Level <= FieldLevel.L3).Select(f => f.Name))
                    : pool.Set(r.GetFieldValue<string[]>(10));
                return new Dataset(
                    code,
                    r.GetString(1),
                    r.GetString(2),
                    pool.Text(r.GetString(3)),
                    r.GetString(4),
                    pool.Text(r.GetString(5)),
                    CatalogText.ParseSharing(r.GetString(6)),
                    r.GetBoolean(7),
                    r.IsDBNull(8) ? null : pool.Text(r.GetString(8)),
                    pool.Text(r.GetString(9)),
                    fields,
                    returnFields,
                    // Every write of a dataset's prices adds to its schedule (DatasetPrices.Set); its own prices stand in should it ever not.
                    pricesByDataset.TryGetValue(code, out var prices)
                        ? pool.Prices(prices)
                        : PriceSchedule.Constant(r.GetDecimal(11), r.GetDecimal(12), r.GetDecimal(13)),
                    r.GetInt32(14));
            },
            cancellationToken);

        // Revoked grants a month on are gone from the snapshot (a revoked grant allows nothing either way).
        var grants = await ReadAll(connection, transaction,
            $"""
            select id, data->>'organizationId', data->>'datasetCode', data->>'scenario',
                   array(select jsonb_array_elements_text(data->'fields')), array(select jsonb_array_elements_text(data->'districts')),
                   array(select jsonb_array_elements_text(data->'verifyFields')),
                   (data->>'validFrom')::timestamptz, (data->>'validUntil')::timestamptz, (data->>'dailyQuota')::bigint, data->>'state'
            from {CatalogTables.Grants}
            where data->>'state' <> 'revoked' or (data->>'updatedAt')::timestamptz > now() - interval '30 days'
            """,
            r => new Grant(
                r.GetString(0),
                r.GetString(1),
                r.GetString(2),
                r.GetString(3),
                r.GetFieldValue<string[]>(4).ToHashSet(StringComparer.Ordinal),
                r.GetFieldValue<string[]>(5).ToHashSet(StringComparer.Ordinal),
                r.GetFieldValue<string[]>(6).ToHashSet(StringComparer.Ordinal),
                r.GetFieldValue<DateTimeOffset>(7),
                r.GetFieldValue<DateTimeOffset>(8),
                r.IsDBNull(9) ? null : r.GetInt64(9),
                CatalogText.ParseGrantState(r.GetString(10))),
            cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return new CatalogSnapshot(version, organizations, services, datasets, grants);
    }

    /// <summary>属地返还 by default returns every field up to L3 (L4 needs an application).</summary>
    public static IReadOnlySet<string> DefaultDistrictReturnFields(IEnumerable<FieldDefinition> fields) =>
        fields.Where(f => f.Level <= FieldLevel.L3).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

    private static IReadOnlyDictionary<string, Uri> ParseAddresses(string json)
    {
        var map = JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? [];
        return map.ToDictionary(p => p.Key, p => new Uri(p.Value), StringComparer.Ordinal);
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<List<T>> ReadAll<T>(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Func<NpgsqlDataReader, T> map, CancellationToken cancellationToken)
    {
        var list = new List<T>();
        await ReadEach(connection, transaction, sql, r => list.Add(map(r)), cancellationToken);
        return list;
    }

    private static async Task ReadEach(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, Action<NpgsqlDataReader> each, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            each(reader);
        }
    }
}
