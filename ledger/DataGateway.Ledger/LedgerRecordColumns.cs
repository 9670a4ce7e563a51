using Npgsql;

namespace DataGateway.Ledger;

/// <summary>A record's columns as selected for reading it back whole (verification, archives), in one order.</summary>
internal static class LedgerRecordColumns
{
    public const string Select =
        """
        request_id, chain, seq, started_at, ended_at, caller_org, caller_kind, caller_district, dataset, action, grant_id, allowed,
        reason, fields, districts, rows_returned, bytes_out, status, upstream_ms, catalog_version, billable, unit_price, amount,
        complete, prev_hash, hash, decision_id, policy_revision, consent_id, consent_subject, record_keys
        """;

    public static LedgerRecord Read(NpgsqlDataReader r) => new()
    {
        RequestId = r.GetGuid(0),
        Chain = r.GetString(1),
        Seq = r.GetInt64(2),
        StartedAt = r.GetFieldValue<DateTimeOffset>(3),
        EndedAt = r.GetFieldValue<DateTimeOffset>(4),
        CallerOrg = r.GetString(5),
        CallerKind = r.GetString(6),
        CallerDistrict = r.IsDBNull(7) ? null : r.GetString(7),
        Dataset = r.IsDBNull(8) ? null : r.GetString(8),
        Action = r.GetString(9),
        GrantId = r.IsDBNull(10) ? null : r.GetString(10),
        Allowed = r.GetBoolean(11),
        Reason = r.GetString(12),
        Fields = r.GetFieldValue<string[]>(13),
        Districts = r.IsDBNull(14) ? null : r.GetFieldValue<string[]>(14),
        Rows = r.GetInt64(15),
        BytesOut = r.GetInt64(16),
        Status = r.GetInt32(17),
        UpstreamMilliseconds = r.IsDBNull(18) ? null : r.GetDouble(18),
        CatalogVersion = r.GetInt64(19),
        Billable = r.GetBoolean(20),
        UnitPrice = r.GetDecimal(21),
        Amount = r.GetDecimal(22),
        Complete = r.GetBoolean(23),
        PrevHash = r.GetFieldValue<byte[]>(24),
        Hash = r.GetFieldValue<byte[]>(25),
        DecisionId = r.IsDBNull(26) ? null : r.GetGuid(26),
        PolicyRevision = r.IsDBNull(27) ? null : r.GetString(27),
        ConsentId = r.IsDBNull(28) ? null : r.GetString(28),
        ConsentSubject = r.IsDBNull(29) ? null : r.GetString(29),
        RecordKeys = r.IsDBNull(30) ? null : r.GetFieldValue<string[]>(30),
    };
}
