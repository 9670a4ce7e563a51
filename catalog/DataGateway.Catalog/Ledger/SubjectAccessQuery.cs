using DataGateway.Catalog.Storage;
using Npgsql;

namespace DataGateway.Catalog.Ledger;

/// <summary>
/// The calls made under a consent naming one subject, from the ledger's consent columns (migration 007, indexed on
/// subject and time): one line per operator, dataset and consent.
/// </summary>
internal static class SubjectAccessQuery
{
    public static async Task<(List<SubjectAccessLine> Lines, long Total)> ReadAsync(
        NpgsqlConnection connection, string subject, string? dataset, DateTimeOffset? from, DateTimeOffset? to, ListPage page, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(
            """
            select caller_org, dataset, consent_id, count(*), count(*) filter (where not allowed),
                   coalesce(sum(rows_returned) filter (where allowed), 0)::bigint, min(started_at), max(started_at),
                   count(*) over ()
            from ledger_records
            where consent_subject = @subject and consent_id is not null
              and (@dataset::text is null or dataset = @dataset)
              and (@from::timestamptz is null or started_at >= @from) and (@to::timestamptz is null or started_at < @to)
            group by 1, 2, 3
            order by 7, 1, 2, 3
            limit @limit offset @offset
            """, connection);
        command.Parameters.AddWithValue("subject", subject);
        command.Parameters.AddWithValue("dataset", (object?)dataset ?? DBNull.Value);
        command.Parameters.AddWithValue("from", (object?)from ?? DBNull.Value);
        command.Parameters.AddWithValue("to", (object?)to ?? DBNull.Value);
        command.Parameters.AddWithValue("limit", page.Size);
        command.Parameters.AddWithValue("offset", page.Offset);
        var lines = new List<SubjectAccessLine>();
        long total = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new SubjectAccessLine(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                reader.GetInt64(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7)));
            total = reader.GetInt64(8);
        }

        if (lines.Count == 0 && page.Number > 1)
        {
            // Past the last page the window has no row to carry the total; count it on its own.
            await using var count = new NpgsqlCommand(
                """
                select count(*) from (select 1 from ledger_records
                where consent_subject = @subject and consent_id is not null and (@dataset::text is null or dataset = @dataset)
                  and (@from::timestamptz is null or started_at >= @from) and (@to::timestamptz is null or started_at < @to)
                group by caller_org, dataset, consent_id) lines
                """, connection);
            foreach (NpgsqlParameter p in command.Parameters)
            {
                if (p.ParameterName is not ("limit" or "offset"))
                {
                    count.Parameters.AddWithValue(p.ParameterName, p.Value!);
                }
            }

            await reader.DisposeAsync();
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        return (lines, total);
    }
}
