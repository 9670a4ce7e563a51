using Npgsql;

namespace DataGateway.Returns.Jobs;

/// <summary>The columns of <c>return_jobs</c> and <c>return_districts</c> in the order the readers below expect.</summary>
internal static class ReturnJobRows
{
    public const string JobColumns =
        "id, dataset, mode, watermark_field, state, requested_by, created_at, started_at, finished_at, worker, catalog_version, "
        + "page_size, source_total, rows_read, held_missing, held_unknown, held_ambiguous, held_not_object, run_seconds, error_code, error, updated_at";

    public const string ReceiptColumns =
        "district, organization_id, state, watermark_from, source_rows, rows_delivered, batches, failures, attempts, first_watermark, "
        + "last_watermark, last_error_code, last_error, next_attempt_at, resume_page, resume_skip, updated_at";

    public static ReturnJob ReadJob(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), Text(r, 3), r.GetString(4), r.GetString(5),
        r.GetFieldValue<DateTimeOffset>(6), Time(r, 7), Time(r, 8), Text(r, 9), r.IsDBNull(10) ? null : r.GetInt64(10),
        r.GetInt32(11), r.IsDBNull(12) ? null : r.GetInt64(12), r.GetInt64(13),
        new HeldRows(r.GetInt64(14), r.GetInt64(15), r.GetInt64(16), r.GetInt64(17)),
        r.GetDouble(18), Text(r, 19), Text(r, 20), r.GetFieldValue<DateTimeOffset>(21));

    public static ReturnReceipt ReadReceipt(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetString(2), Text(r, 3), r.IsDBNull(4) ? null : r.GetInt64(4),
        r.GetInt64(5), r.GetInt64(6), r.GetInt64(7), r.GetInt32(8), Text(r, 9), Text(r, 10), Text(r, 11), Text(r, 12),
        Time(r, 13), r.GetInt32(14), r.GetInt32(15), r.GetFieldValue<DateTimeOffset>(16));

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private static DateTimeOffset? Time(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetFieldValue<DateTimeOffset>(i);
}
