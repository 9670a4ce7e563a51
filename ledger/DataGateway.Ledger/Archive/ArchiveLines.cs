using System.Text.Json.Serialization;
using DataGateway.Ledger.Verification;

namespace DataGateway.Ledger.Archive;

/// <summary>
/// The first line of an archive: what the file is, the month, and per chain the range it holds, so that a reader
/// knows how many lines follow and where each chain must start and end.
/// </summary>
public sealed record ArchiveHeader
{
    public const string FormatName = "datagateway-ledger-archive";
    public const int CurrentVersion = 1;

    public required string Format { get; init; }
    public required int Version { get; init; }

    /// <summary>The UTC month, <c>yyyy-MM</c>.</summary>
    public required string Month { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required long Records { get; init; }
    public required long Checkpoints { get; init; }

    /// <summary>In the order their records follow.</summary>
    public required IReadOnlyList<ArchiveChainHead> Chains { get; init; }
}

/// <summary>One chain's contiguous range in an archive: the hash it links from, the hash it ends at, and its straddlers.</summary>
public sealed record ArchiveChainHead
{
    public required string Chain { get; init; }
    public required long FromSeq { get; init; }
    public required long ToSeq { get; init; }

    /// <summary>Hex: the first record's prev_hash, the previous archive's <see cref="ToHash"/> (or the genesis hash).</summary>
    public required string FromPrevHash { get; init; }

    /// <summary>Hex: the last record's hash.</summary>
    public required string ToHash { get; init; }

    public required long Records { get; init; }

    /// <summary>The seqs of the range whose records started in a later month: they stay in the database.</summary>
    public required IReadOnlyList<long> Straddlers { get; init; }
}

/// <summary>One record with all its columns, named as in <c>ledger_records</c>; hashes in hex.</summary>
internal sealed record ArchiveRecordLine
{
    public required Guid RequestId { get; init; }
    public required string Chain { get; init; }
    public required long Seq { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset EndedAt { get; init; }
    public required string CallerOrg { get; init; }
    public required string CallerKind { get; init; }
    public required string? CallerDistrict { get; init; }
    public required string? Dataset { get; init; }
    public required string Action { get; init; }
    public required string? GrantId { get; init; }
    public required bool Allowed { get; init; }
    public required string Reason { get; init; }
    public required IReadOnlyList<string> Fields { get; init; }
    public required IReadOnlyList<string>? Districts { get; init; }
    public required long RowsReturned { get; init; }
    public required long BytesOut { get; init; }
    public required int Status { get; init; }
    public required double? UpstreamMs { get; init; }
    public required long CatalogVersion { get; init; }
    public required bool Billable { get; init; }
    public required decimal UnitPrice { get; init; }
    public required decimal Amount { get; init; }
    public required bool Complete { get; init; }
    public required string PrevHash { get; init; }
    public required string Hash { get; init; }
    public required Guid? DecisionId { get; init; }
    public required string? PolicyRevision { get; init; }

    // Not required: archives written before issue 18 have none of these, and read as records without them.
    public string? ConsentId { get; init; }
    public string? ConsentSubject { get; init; }
    public IReadOnlyList<string>? RecordKeys { get; init; }

    public static ArchiveRecordLine From(LedgerRecord r) => new()
    {
        RequestId = r.RequestId, Chain = r.Chain, Seq = r.Seq, StartedAt = r.StartedAt, EndedAt = r.EndedAt, CallerOrg = r.CallerOrg,
        CallerKind = r.CallerKind, CallerDistrict = r.CallerDistrict, Dataset = r.Dataset, Action = r.Action, GrantId = r.GrantId,
        Allowed = r.Allowed, Reason = r.Reason, Fields = r.Fields, Districts = r.Districts, RowsReturned = r.Rows, BytesOut = r.BytesOut,
        Status = r.Status, UpstreamMs = r.UpstreamMilliseconds, CatalogVersion = r.CatalogVersion, Billable = r.Billable,
        UnitPrice = r.UnitPrice, Amount = r.Amount, Complete = r.Complete, PrevHash = Convert.ToHexStringLower(r.PrevHash),
        Hash = Convert.ToHexStringLower(r.Hash), DecisionId = r.DecisionId, PolicyRevision = r.PolicyRevision,
        ConsentId = r.ConsentId, ConsentSubject = r.ConsentSubject, RecordKeys = r.RecordKeys,
    };

    /// <summary>The record as sealed; a hash that is not hex throws <see cref="FormatException"/>.</summary>
    public LedgerRecord ToRecord() => new()
    {
        RequestId = RequestId, Chain = Chain, Seq = Seq, StartedAt = StartedAt, EndedAt = EndedAt, CallerOrg = CallerOrg,
        CallerKind = CallerKind, CallerDistrict = CallerDistrict, Dataset = Dataset, Action = Action, GrantId = GrantId,
        Allowed = Allowed, Reason = Reason, Fields = Fields, Districts = Districts, Rows = RowsReturned, BytesOut = BytesOut,
        Status = Status, UpstreamMilliseconds = UpstreamMs, CatalogVersion = CatalogVersion, Billable = Billable,
        UnitPrice = UnitPrice, Amount = Amount, Complete = Complete, PrevHash = Convert.FromHexString(PrevHash),
        Hash = Convert.FromHexString(Hash), DecisionId = DecisionId, PolicyRevision = PolicyRevision,
        ConsentId = ConsentId, ConsentSubject = ConsentSubject, RecordKeys = RecordKeys,
    };
}

/// <summary>One signed checkpoint of an archived chain, with its signature (base64) and key id.</summary>
internal sealed record ArchiveCheckpointLine
{
    public required string Chain { get; init; }
    public required long Seq { get; init; }
    public required string Hash { get; init; }
    public required DateTimeOffset SignedAt { get; init; }
    public required string KeyId { get; init; }
    public required string Signature { get; init; }

    public static ArchiveCheckpointLine From(Checkpoint c) => new()
    {
        Chain = c.Chain, Seq = c.Seq, Hash = Convert.ToHexStringLower(c.Hash), SignedAt = c.SignedAt, KeyId = c.KeyId,
        Signature = Convert.ToBase64String(c.Signature),
    };

    public Checkpoint ToCheckpoint() => new(Chain, Seq, Convert.FromHexString(Hash), SignedAt, KeyId, Convert.FromBase64String(Signature));
}

/// <summary>
/// The archive's JSON, generated at build time (no reflection per line). Strict when reading: an unknown member, or
/// a required one missing, is an edited or misaligned line.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    RespectNullableAnnotations = true)]
[JsonSerializable(typeof(ArchiveHeader))]
[JsonSerializable(typeof(ArchiveRecordLine))]
[JsonSerializable(typeof(ArchiveCheckpointLine))]
internal sealed partial class ArchiveJsonContext : JsonSerializerContext;
