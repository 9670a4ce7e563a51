namespace DataGateway.Ledger.Tests;

/// <summary>
/// The canonical encoding is a contract with every hash already stored: this vector was computed independently of the
/// C# code (from the format described in <see cref="LedgerEncoding"/>), so a change to the encoder that would break
/// stored chains fails here.
/// </summary>
public class LedgerEncodingTests
{
    private static readonly byte[] Previous = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void Hash_OfAFixedRecord_IsTheKnownVector()
    {
        var hash = LedgerEncoding.Hash(Fixed(), Previous);

        Assert.Equal("1819b0af48e53395cf77a4bcbba6a6b4a4a695f14c4aedded82214773b3ecdbc", Convert.ToHexStringLower(hash));
    }

    /// <summary>
    /// Version 2: version 1's fields, then the decision id (as 32 hex digits, like the request id) and the policy
    /// revision, each tagged; this vector too was computed from the format, not by the encoder.
    /// </summary>
    [Fact]
    public void Hash_WithADecision_IsVersion2sKnownVector()
    {
        var record = Fixed() with { DecisionId = Guid.ParseExact("0193a1b2c3d4e5f60718293a4b5c6d7e", "N"), PolicyRevision = "42" };

        Assert.Equal("c737ba4697277860ff738244e5f1a17fb557a51681adbd184ae1489852e4da83", Convert.ToHexStringLower(LedgerEncoding.Hash(record, Previous)));
        Assert.Equal(LedgerEncoding.VersionWithDecision, LedgerEncoding.Encode(record)[0]);
    }

    /// <summary>A decision id deleted, or another put in its place, no longer proves itself.</summary>
    [Fact]
    public void Hash_DecisionIdRemovedOrChanged_Differs()
    {
        var record = Fixed() with { DecisionId = Guid.ParseExact("0193a1b2c3d4e5f60718293a4b5c6d7e", "N"), PolicyRevision = "42" };
        var sealedHash = LedgerEncoding.Hash(record, Previous);

        Assert.Equal("f0988fbb0ad7c8711b51cec7d8c19cd026265ee5ccff493e5bc523913198d6d1", Convert.ToHexStringLower(LedgerEncoding.Hash(record with { DecisionId = null }, Previous)));
        Assert.NotEqual(sealedHash, LedgerEncoding.Hash(record with { DecisionId = Guid.CreateVersion7() }, Previous));
        Assert.NotEqual(sealedHash, LedgerEncoding.Hash(record with { PolicyRevision = "43" }, Previous));
        Assert.NotEqual(sealedHash, LedgerEncoding.Hash(record with { DecisionId = null, PolicyRevision = null }, Previous));
    }

    /// <summary>
    /// Version 3 (issue 18): version 2's fields, then the consent id, its subject and the record keys (a tagged list);
    /// computed from the format, as the vectors above were. Without a decision, version 2's two fields are nulls.
    /// </summary>
    [Fact]
    public void Hash_WithAConsentAndRecordKeys_IsVersion3sKnownVector()
    {
        var record = Fixed() with
        {
            DecisionId = Guid.ParseExact("0193a1b2c3d4e5f60718293a4b5c6d7e", "N"),
            PolicyRevision = "42",
            ConsentId = "consent-2026-0001",
            ConsentSubject = "310101199001011234",
            RecordKeys = ["91310000MA1FL0001X", "k-2"],
        };

        Assert.Equal("88d7153d051ffef9d6f88525fd3c46dd8cf34e0284bd8e4bcd799f0f702eb087", Convert.ToHexStringLower(LedgerEncoding.Hash(record, Previous)));
        Assert.Equal(LedgerEncoding.VersionWithConsentAndKeys, LedgerEncoding.Encode(record)[0]);
        Assert.Equal(
            "b90af85519f0a60147ef7624667f820a44985a5830ea967846954585510f996b",
            Convert.ToHexStringLower(LedgerEncoding.Hash(Fixed() with { RecordKeys = [] }, Previous)));
    }

    /// <summary>A consent or a record key changed, added or removed no longer proves itself; no keys differs from an empty list.</summary>
    [Fact]
    public void Hash_ConsentOrRecordKeysChanged_Differs()
    {
        var record = Fixed() with { ConsentId = "c-1", ConsentSubject = "s-1", RecordKeys = ["a", "b"] };
        var sealedHash = LedgerEncoding.Hash(record, Previous);

        Assert.NotEqual(sealedHash, LedgerEncoding.Hash(record with { ConsentId = "c-2" }, Previous));
        Assert.NotEqual(sealedHash, LedgerEncoding.Hash(record with { ConsentSubject = "s-2" }, Previous));
        Assert.NotEqual(sealedHash, LedgerEncoding.Hash(record with { RecordKeys = ["a"] }, Previous));
        Assert.NotEqual(sealedHash, LedgerEncoding.Hash(record with { RecordKeys = ["b", "a"] }, Previous));
        Assert.NotEqual(LedgerEncoding.Hash(Fixed() with { RecordKeys = [] }, Previous), LedgerEncoding.Hash(Fixed(), Previous));
    }

    private static LedgerRecord Fixed()
    {
        var started = LedgerEncoding.FromMicroseconds(1_796_000_000_123_456);
        var record = new LedgerRecord
        {
            RequestId = Guid.ParseExact("0192f3a4b5c6d7e8f9a0b1c2d3e4f5a6", "N"),
            StartedAt = started,
            EndedAt = started.AddTicks(25_000),
            CallerOrg = "op-bank",
            CallerKind = "operator",
            CallerDistrict = null,
            Dataset = "enterprises",
            Action = "query",
            GrantId = "g-1",
            Allowed = true,
            Reason = "granted",
            Fields = ["credit_code", "名称"],
            Districts = null,
            Rows = 3,
            BytesOut = 1234,
            Status = 200,
            UpstreamMilliseconds = 0.25,
            CatalogVersion = 7,
            Billable = true,
            UnitPrice = 0.10m,
            Amount = 0.1m,
            Complete = true,
            Chain = "gw-1.20261130T000000000Z.abcdef",
            Seq = 42,
        };
        return record;
    }
}
