namespace DataGateway.Ledger.Tests;

/// <summary>
/// The canonical encoding is a contract with every hash already stored: this vector was computed independently of the
/// C# code (from the format described in <see cref="LedgerEncoding"/>), so a change to the encoder that would break
/// stored chains fails here.
/// </summary>
public class LedgerEncodingTests
{
    [Fact]
    public void Hash_OfAFixedRecord_IsTheKnownVector()
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
        var previous = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

        var hash = LedgerEncoding.Hash(record, previous);

        Assert.Equal("1819b0af48e53395cf77a4bcbba6a6b4a4a695f14c4aedded82214773b3ecdbc", Convert.ToHexStringLower(hash));
    }
}
