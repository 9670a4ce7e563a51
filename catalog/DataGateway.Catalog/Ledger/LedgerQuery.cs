using System.Globalization;
using System.Text;
using Npgsql;

namespace DataGateway.Catalog.Ledger;

/// <summary>
/// The ledger's filters as one parameterized query, shared by the JSON pages and the CSV export. Paging is by keyset
/// on (started_at, request_id): stable while new calls arrive, and as fast on page 1,000 as on page 1.
/// </summary>
public sealed record LedgerQuery(
    Guid? RequestId,
    string? Caller,
    string? Dataset,
    string? Grant,
    string? District,
    DateTimeOffset? From,
    DateTimeOffset? To,
    (DateTimeOffset StartedAt, Guid RequestId)? After)
{
    public const string Columns =
        """
        r.request_id, r.started_at, r.ended_at, r.caller_org, r.caller_kind, r.caller_district, r.dataset, r.action, r.grant_id, r.allowed, r.reason,
        r.fields, r.districts, r.rows_returned, r.bytes_out, r.status, r.upstream_ms, r.catalog_version, r.billable, r.unit_price, r.amount,
        r.complete, r.chain, r.seq, r.prev_hash, r.hash, a.kind, r.decision_id, r.policy_revision,
        r.consent_id, r.consent_subject, r.record_keys
        """;

    /// <summary>The last microsecond a cursor may name: the end of year 9999, since the Unix epoch.</summary>
    private static readonly long MaxMicroseconds = (DateTimeOffset.MaxValue - DateTimeOffset.UnixEpoch).Ticks / 10;

    public NpgsqlCommand ToCommand(NpgsqlConnection connection, int? limit)
    {
        // Records are never updated; an amendment (a call committed but not delivered) is joined in beside the record.
        // Every column is qualified: the amendments' own chain (schema 008) gave them seq, prev_hash and hash too, and
        // an unqualified name that both tables have makes the whole query fail.
        var sql = new StringBuilder($"select {Columns} from ledger_records r left join ledger_amendments a on a.request_id = r.request_id where true");
        var command = new NpgsqlCommand { Connection = connection };
        void Filter(string condition, string name, object? value)
        {
            if (value is null)
            {
                return;
            }

            sql.Append(" and ").Append(condition);
            command.Parameters.AddWithValue(name, value);
        }

        Filter("r.request_id = @requestId", "requestId", RequestId);
        Filter("r.caller_org = @caller", "caller", Caller);
        Filter("r.dataset = @dataset", "dataset", Dataset);
        Filter("r.grant_id = @grant", "grant", Grant);
        // A district's calls, or calls whose rows were scoped to it.
        Filter("(r.caller_district = @district or @district = any(r.districts))", "district", District);
        Filter("r.started_at >= @from", "from", From);
        Filter("r.started_at < @to", "to", To);
        if (After is { } after)
        {
            sql.Append(" and (r.started_at, r.request_id) > (@afterAt, @afterId)");
            command.Parameters.AddWithValue("afterAt", after.StartedAt);
            command.Parameters.AddWithValue("afterId", after.RequestId);
        }

        sql.Append(" order by r.started_at, r.request_id");
        if (limit is { } n)
        {
            sql.Append(CultureInfo.InvariantCulture, $" limit {n}");
        }

        command.CommandText = sql.ToString();
        return command;
    }

    /// <summary>Up to <paramref name="limit"/> records the query selects, in its order.</summary>
    public async Task<List<LedgerRecordView>> ReadAsync(NpgsqlConnection connection, int limit, CancellationToken cancellationToken)
    {
        await using var command = ToCommand(connection, limit);
        var records = new List<LedgerRecordView>(limit);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            records.Add(Read(reader));
        }

        return records;
    }

    public static LedgerRecordView Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetFieldValue<DateTimeOffset>(1), r.GetFieldValue<DateTimeOffset>(2), r.GetString(3), r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.GetString(7), r.IsDBNull(8) ? null : r.GetString(8),
        r.GetBoolean(9), r.GetString(10), r.GetFieldValue<string[]>(11), r.IsDBNull(12) ? null : r.GetFieldValue<string[]>(12),
        r.GetInt64(13), r.GetInt64(14), r.GetInt32(15), r.IsDBNull(16) ? null : r.GetDouble(16), r.GetInt64(17), r.GetBoolean(18),
        r.GetDecimal(19), r.GetDecimal(20), r.GetBoolean(21), r.GetString(22), r.GetInt64(23),
        Convert.ToHexStringLower(r.GetFieldValue<byte[]>(24)), Convert.ToHexStringLower(r.GetFieldValue<byte[]>(25)), r.IsDBNull(26) ? null : r.GetString(26),
        r.IsDBNull(27) ? null : r.GetGuid(27), r.IsDBNull(28) ? null : r.GetString(28),
        r.IsDBNull(29) ? null : r.GetString(29), r.IsDBNull(30) ? null : r.GetString(30), r.IsDBNull(31) ? null : r.GetFieldValue<string[]>(31));

    /// <summary>The opaque cursor after a record: its start time (µs) and request id.</summary>
    public static string Cursor(LedgerRecordView last) =>
        Convert.ToBase64String(Encoding.ASCII.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{DataGateway.Ledger.LedgerEncoding.ToMicroseconds(last.StartedAt)}:{last.RequestId:N}")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryParseCursor(string text, out (DateTimeOffset, Guid) after)
    {
        after = default;
        try
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split(':');
            // A forged cursor may name any number: one outside the times a timestamptz holds is refused, not an overflow.
            if (parts.Length == 2 && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var micros) && micros <= MaxMicroseconds
                && Guid.TryParseExact(parts[1], "N", out var id))
            {
                after = (DataGateway.Ledger.LedgerEncoding.FromMicroseconds(micros), id);
                return true;
            }
        }
        catch (FormatException)
        {
        }

        return false;
    }
}
