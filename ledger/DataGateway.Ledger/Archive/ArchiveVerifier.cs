using System.Security.Cryptography;
using DataGateway.Ledger.Verification;

namespace DataGateway.Ledger.Archive;

/// <summary>
/// Verifies archive files offline, as <see cref="LedgerVerifier"/> verifies the database: per chain, every record
/// recomputes to its hash and links gaplessly from the header's from_prev_hash to its to_hash; the header's counts and
/// heads match the records; every checkpoint is signed by a trusted key and matches its record. Given several months,
/// each chain must start where the previous archive of that chain ended.
/// </summary>
/// <remarks>
/// Reads each file twice, streaming: the checkpoints follow the records in the file, and a walk must know them before
/// it reaches their seqs (a month's records do not fit in memory at the seeds' scale).
/// </remarks>
public sealed class ArchiveVerifier(IReadOnlyDictionary<string, ECDsa> checkpointKeys)
{
    /// <exception cref="ArchiveUnreadableException">A file cannot be opened or is no ledger archive.</exception>
    public ArchiveVerification Verify(IReadOnlyList<string> paths)
    {
        var files = paths.Select(VerifyFile).ToList();
        var ordered = files.OrderBy(f => f.Header.Month, StringComparer.Ordinal).ToList();
        var heads = new Dictionary<string, (string Month, ArchiveChainHead Head)>(StringComparer.Ordinal);
        foreach (var file in ordered)
        {
            for (var i = 0; i < file.Reports.Count && i < file.Header.Chains.Count; i++)
            {
                var head = file.Header.Chains[i];
                if (heads.TryGetValue(head.Chain, out var previous) && file.Reports[i].Problem is null
                    && (head.FromSeq != previous.Head.ToSeq + 1 || !string.Equals(head.FromPrevHash, previous.Head.ToHash, StringComparison.OrdinalIgnoreCase)))
                {
                    var report = file.Reports[i];
                    file.Reports[i] = new ChainReport(report.Chain, report.Records, report.LastSeq, report.LastCheckpointSeq, ChainProblems.ArchiveNotContinued, head.FromSeq,
                        $"The archive starts the chain at {head.FromSeq}, but the archive of {previous.Month} ended it at {previous.Head.ToSeq} with another hash: records between them are missing or were rewritten.");
                }

                heads[head.Chain] = (file.Header.Month, head);
            }
        }

        return new ArchiveVerification(new VerificationReport(DateTimeOffset.UtcNow, ordered.SelectMany(f => f.Reports).ToList()), ordered.Select(f => f.Header).ToList());
    }

    private VerifiedFile VerifyFile(string path)
    {
        ArchiveHeader header;
        var checkpoints = new Dictionary<string, List<Checkpoint>>(StringComparer.Ordinal);
        string? misaligned = null;
        using (var reader = ArchiveFileReader.Open(path))
        {
            header = reader.Header;
            try
            {
                reader.SkipRecords();
                for (var i = 0L; i < header.Checkpoints; i++)
                {
                    var checkpoint = reader.ReadCheckpoint();
                    if (!checkpoints.TryGetValue(checkpoint.Chain, out var list))
                    {
                        checkpoints[checkpoint.Chain] = list = [];
                    }

                    list.Add(checkpoint);
                }

                reader.ExpectEnd();
            }
            catch (ArchiveMalformedException ex)
            {
                // Reported after the walk, which names the chain and seq where a line went missing or was changed.
                misaligned = ex.Message;
            }
        }

        if (HeaderProblem(header, checkpoints) is { } problem)
        {
            return new VerifiedFile(header, [Malformed(Path.GetFileName(path), 0, 0, misaligned ?? problem)]);
        }

        var reports = WalkChains(path, header, checkpoints);
        if (misaligned is not null)
        {
            reports.Add(Malformed(Path.GetFileName(path), 0, 0, misaligned));
        }

        return new VerifiedFile(header, reports);
    }

    private List<ChainReport> WalkChains(string path, ArchiveHeader header, Dictionary<string, List<Checkpoint>> checkpoints)
    {
        LedgerMonth.TryParse(header.Month, out var month);
        var reports = new List<ChainReport>();
        using var reader = ArchiveFileReader.Open(path);
        ChainWalk? walk = null;
        var label = "";
        try
        {
            foreach (var head in header.Chains)
            {
                label = $"{header.Month}/{head.Chain}";
                var fromPrev = Convert.FromHexString(head.FromPrevHash);
                walk = new ChainWalk(head.Chain, checkpoints.GetValueOrDefault(head.Chain, []), checkpointKeys, gapless: true, head.FromSeq - 1, fromPrev);
                if (head.FromSeq == 1 && !fromPrev.AsSpan().SequenceEqual(LedgerChain.Genesis))
                {
                    walk.Reject(ChainProblems.ArchiveNotContinued, 1, "The chain starts at seq 1 but does not link to the genesis hash.");
                }

                var straddlers = head.Straddlers.ToHashSet();
                for (var i = 0L; i < head.Records; i++)
                {
                    var record = reader.ReadRecord();
                    if (record.Chain != head.Chain)
                    {
                        throw new ArchiveMalformedException(0, $"a record of chain {record.Chain} (seq {record.Seq}) stands where the header announces chain {head.Chain}'s");
                    }

                    if (walk.Next(record.Seq, record.PrevHash, record.Hash, () => LedgerEncoding.Hash(record, record.PrevHash))
                        && (record.StartedAt < month.Start || (record.StartedAt >= month.End) != straddlers.Contains(record.Seq)))
                    {
                        walk.Reject(ChainProblems.ArchiveMalformed, record.Seq,
                            $"The record at {record.Seq} started {record.StartedAt:O}, which the header's straddlers of {header.Month} do not account for.");
                    }
                }

                if (!walk.Failed && (walk.LastSeq != head.ToSeq || walk.Records != head.Records || !walk.LastHash.AsSpan().SequenceEqual(Convert.FromHexString(head.ToHash))))
                {
                    walk.Reject(ChainProblems.ArchiveMalformed, walk.LastSeq + 1,
                        $"The records end at {walk.LastSeq} ({walk.Records} of them), where the header says {head.ToSeq} ({head.Records}) with its hash.");
                }

                reports.Add(walk.Finish(label));
                walk = null;
            }
        }
        catch (Exception ex) when (ex is ArchiveMalformedException or FormatException)
        {
            // The file no longer lines up with its header: nothing after this line can be placed, so the walk ends here.
            reports.Add(walk is { Failed: true } ? walk.Finish(label) : Malformed(label, walk?.Records ?? 0, (walk?.LastSeq ?? 0) + 1, ex.Message));
        }

        return reports;
    }

    /// <summary>What the header says that cannot be so, whatever the records are; null when nothing.</summary>
    private static string? HeaderProblem(ArchiveHeader header, Dictionary<string, List<Checkpoint>> checkpoints)
    {
        if (!LedgerMonth.TryParse(header.Month, out _))
        {
            return $"The header's month '{header.Month}' is not a month (yyyy-MM).";
        }

        var chains = header.Chains.ToDictionary(c => c.Chain, StringComparer.Ordinal);
        if (chains.Count != header.Chains.Count || header.Chains.Sum(c => c.Records) != header.Records
            || header.Chains.Any(c => c.FromSeq < 1 || c.ToSeq < c.FromSeq || c.Records != c.ToSeq - c.FromSeq + 1))
        {
            return "The header's chains do not add up: a chain twice, a range that is not one, or counts that differ from the ranges.";
        }

        foreach (var checkpoint in checkpoints.Values.SelectMany(c => c))
        {
            if (!chains.TryGetValue(checkpoint.Chain, out var head) || checkpoint.Seq < head.FromSeq || checkpoint.Seq > head.ToSeq)
            {
                return $"The checkpoint of {checkpoint.Chain} at {checkpoint.Seq} lies outside every range the header announces.";
            }
        }

        return null;
    }

    private static ChainReport Malformed(string label, long records, long seq, string detail) =>
        new(label, records, Math.Max(0, seq - 1), null, ChainProblems.ArchiveMalformed, seq, detail);

    private sealed record VerifiedFile(ArchiveHeader Header, List<ChainReport> Reports);
}
