using Npgsql;

namespace DataGateway.Ledger.Verification;

/// <summary>
/// How a <see cref="StoredCatalogEvent"/> is read out of <c>mt_events</c>: one query shape for the catalog's writer
/// (its own rows, in its transaction) and the verifier (every row), so both hash the same columns.
/// </summary>
public static class StoredEventColumns
{
    /// <summary>The columns, without a filter or an order; <c>data::text</c> is PostgreSQL's spelling of the jsonb.</summary>
    public const string Select =
        "select seq_id, id, stream_id, version, type, mt_dotnet_type, tenant_id, timestamp, data::text from mt_events";

    /// <summary>The same columns without the body, for a writer that hashes the body it holds itself.</summary>
    public const string SelectWithoutData =
        "select seq_id, id, stream_id, version, type, mt_dotnet_type, tenant_id, timestamp, null::text from mt_events";

    public static StoredCatalogEvent Read(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetGuid(1), r.GetString(2), r.GetInt64(3), r.GetString(4), r.IsDBNull(5) ? null : r.GetString(5), r.GetString(6),
        r.GetFieldValue<DateTimeOffset>(7), r.IsDBNull(8) ? "" : r.GetString(8));
}
