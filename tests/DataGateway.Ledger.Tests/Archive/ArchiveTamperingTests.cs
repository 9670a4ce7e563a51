using System.Security.Cryptography;
using System.Text.Json.Nodes;
using DataGateway.Ledger.Archive;
using DataGateway.Ledger.Verification;

namespace DataGateway.Ledger.Tests.Archive;

/// <summary>
/// Issue 16, point 5: an archive file edited, cut or mixed with another ledger's is found by the offline verifier,
/// at the chain and seq it touches. January's archive: line 1 the header, lines 2–8 gw-a 1–7, lines 9–11 gw-b 1–3,
/// then the checkpoints (gw-a 3 and 7, gw-b 3).
/// </summary>
public sealed class ArchiveTamperingTests : IAsyncLifetime
{
    private ArchiveScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _scenario = await ArchiveScenario.CreateAsync();
        await _scenario.ArchiveAsync(ArchiveScenario.January, "a.gz");
    }

    public async Task DisposeAsync() => await _scenario.DisposeAsync();

    [Fact]
    public void RecordEdited_IsFoundAtItsChainAndSeq()
    {
        var lines = _scenario.ReadLines("a.gz");
        var record = JsonNode.Parse(lines[4])!; // gw-a seq 4
        record["amount"] = 1000m;
        lines[4] = record.ToJsonString();
        _scenario.WriteLines("edited.gz", lines);

        var chain = Bad(_scenario.VerifyArchives("edited.gz"));

        Assert.Equal(("2025-01/gw-a", ChainProblems.RecordAltered, 4L), (chain.Chain, chain.Problem, chain.FirstBadSeq));
    }

    [Fact]
    public void RecordLineDropped_IsFound()
    {
        var lines = _scenario.ReadLines("a.gz");
        lines.RemoveAt(3); // gw-a seq 3
        _scenario.WriteLines("dropped.gz", lines);

        var chain = Bad(_scenario.VerifyArchives("dropped.gz"));

        Assert.Equal(("2025-01/gw-a", ChainProblems.RecordMissing, 3L), (chain.Chain, chain.Problem, chain.FirstBadSeq));
    }

    [Fact]
    public void LastCheckpointDropped_IsFound()
    {
        var lines = _scenario.ReadLines("a.gz");
        _scenario.WriteLines("short.gz", lines.Take(lines.Count - 1));

        Assert.Equal(ChainProblems.ArchiveMalformed, Bad(_scenario.VerifyArchives("short.gz")).Problem);
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public void GzipTruncated_IsTamperedOrUnreadableWithAMessage(double kept)
    {
        var bytes = File.ReadAllBytes(_scenario.PathOf("a.gz"));
        File.WriteAllBytes(_scenario.PathOf("cut.gz"), bytes[..(int)(bytes.Length * kept)]);

        try
        {
            var report = _scenario.VerifyArchives("cut.gz");
            Assert.False(report.Intact);
            Assert.NotEmpty(Bad(report).Detail!);
        }
        catch (ArchiveUnreadableException ex)
        {
            Assert.Contains("cut.gz", ex.Message);
        }
    }

    [Fact]
    public void HeaderHeadEdited_IsFound()
    {
        var lines = _scenario.ReadLines("a.gz");
        var header = JsonNode.Parse(lines[0])!;
        header["chains"]![0]!["to_hash"] = Convert.ToHexStringLower(new byte[32]);
        lines[0] = header.ToJsonString();
        _scenario.WriteLines("head.gz", lines);

        var chain = Bad(_scenario.VerifyArchives("head.gz"));

        Assert.Equal(("2025-01/gw-a", ChainProblems.ArchiveMalformed), (chain.Chain, chain.Problem));
    }

    [Fact]
    public void CheckpointByAnUntrustedKey_IsFound()
    {
        var lines = _scenario.ReadLines("a.gz");
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var gwA7 = JsonNode.Parse(lines[11])!; // gw-a's checkpoint at 3
        var signer = new CheckpointSigner(other, KeyIds.Thumbprint(other));
        var forged = signer.Sign("gw-a", 3, Convert.FromHexString(gwA7["hash"]!.GetValue<string>()), DateTimeOffset.UtcNow);
        gwA7["key_id"] = forged.KeyId;
        gwA7["signature"] = Convert.ToBase64String(forged.Signature);
        lines[11] = gwA7.ToJsonString();
        _scenario.WriteLines("key.gz", lines);

        var chain = Bad(_scenario.VerifyArchives("key.gz"));

        Assert.Equal(("2025-01/gw-a", ChainProblems.CheckpointSignatureInvalid, 3L), (chain.Chain, chain.Problem, chain.FirstBadSeq));
    }

    [Fact]
    public void NotAnArchive_IsUnreadable()
    {
        File.WriteAllText(_scenario.PathOf("plain.txt"), "{\"format\": \"something else\"}\n");

        Assert.Throws<ArchiveUnreadableException>(() => _scenario.VerifyArchives("plain.txt"));
        Assert.Throws<ArchiveUnreadableException>(() => _scenario.VerifyArchives("missing.gz"));
    }

    [Fact]
    public async Task ConsecutiveMonthsOfAnotherLedger_DoNotLink()
    {
        // February archived from a second ledger of the same shape: each file proves itself, together they do not.
        await using var other = await ArchiveScenario.CreateAsync();
        await other.ArchiveAsync(ArchiveScenario.January, "a.gz");
        await other.DetachAsync(ArchiveScenario.January, "a.gz");
        await other.ArchiveAsync(ArchiveScenario.February, "b.gz");
        File.Copy(other.PathOf("b.gz"), _scenario.PathOf("other-b.gz"));

        Assert.True(_scenario.VerifyArchives("other-b.gz").Intact);
        var chain = Bad(_scenario.VerifyArchives("a.gz", "other-b.gz"));

        Assert.Equal(("2025-02/gw-a", ChainProblems.ArchiveNotContinued, 8L), (chain.Chain, chain.Problem, chain.FirstBadSeq));
    }

    private static ChainReport Bad(VerificationReport report) => report.Chains.First(c => c.Problem is not null);
}
