using System.Data;
using DataGateway.Ledger.Verification;
using Npgsql;

namespace DataGateway.Ledger.Archive;

/// <summary>
/// Archives one month of the ledger to a file (<see cref="ArchiveFileWriter"/>) and records it in
/// <c>ledger_archives</c>: per chain the contiguous seq range from the previous archive's last seq + 1 (or 1) to the
/// highest seq of that chain in the month's partition, straddlers included (records of the range that started in a
/// later month: seq is drawn at commit), and the checkpoints signed inside the range.
/// </summary>
/// <remarks>
/// Months go oldest first: an older partition that still holds rows, or rows of the month or earlier in the default
/// partition, refuse the archive, so each chain's ranges follow one another without a gap. Everything is read in one
/// repeatable-read snapshot, and the rows are recorded in the same transaction as the file is renamed into place.
/// </remarks>
public sealed class LedgerArchiver(NpgsqlDataSource dataSource, TimeProvider? time = null)
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public async Task<ArchiveResult> ArchiveAsync(LedgerMonth month, string path, CancellationToken cancellationToken = default)
    {
        if (month.CompareTo(LedgerMonth.Of(_time.GetUtcNow())) >= 0)
        {
            throw new ArchiveRefusedException(ArchiveRefusals.MonthNotPast,
                $"只能归档已结束的月份 only a month that has ended can be archived: {month} is this month or later (UTC).");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var db = new ArchiveQueries(connection, transaction);
        await CheckOrderAsync(db, month, cancellationToken);
        var heads = await ReadHeadsAsync(db, month, cancellationToken);
        var checkpoints = await db.CheckpointsAsync(heads, cancellationToken);

        await using var file = ArchiveFileWriter.Create(path);
        var header = new ArchiveHeader
        {
            Format = ArchiveHeader.FormatName,
            Version = ArchiveHeader.CurrentVersion,
            Month = month.ToString(),
            CreatedAt = _time.GetUtcNow(),
            Records = heads.Sum(h => h.Records),
            Checkpoints = checkpoints.Count,
            Chains = heads,
        };
        file.Write(header);
        foreach (var head in heads)
        {
            await WriteChainAsync(db, file, head, cancellationToken);
        }

        foreach (var checkpoint in checkpoints)
        {
            file.Write(checkpoint);
        }

        var (sha256, bytes) = await file.FinishAsync(cancellationToken);
        await db.RecordAsync(month, Path.GetFileName(path), sha256, header, cancellationToken);
        file.Commit();
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            file.Revoke();
            throw;
        }

        return new ArchiveResult(month, path, header.Records, heads.Count, checkpoints.Count, bytes, sha256);
    }

    private static async Task CheckOrderAsync(ArchiveQueries db, LedgerMonth month, CancellationToken cancellationToken)
    {
        if (await db.IsArchivedAsync(month, cancellationToken))
        {
            throw new ArchiveRefusedException(ArchiveRefusals.MonthAlreadyArchived, $"{month} 已归档 {month} is archived already (ledger_archives).");
        }

        var partitions = await db.PartitionsAsync(cancellationToken);
        if (!partitions.Contains(month))
        {
            throw new ArchiveRefusedException(ArchiveRefusals.MonthHasNoPartition, $"{month} 没有分区 {month} has no partition ({month.PartitionName}) to archive.");
        }

        foreach (var older in partitions.Where(p => p.CompareTo(month) < 0).Order())
        {
            if (await db.HasRowsAsync(older.PartitionName, cancellationToken))
            {
                throw new ArchiveRefusedException(ArchiveRefusals.OlderMonthFirst,
                    $"请先归档并分离 {older}，按月从旧到新 archive and detach {older} first: months are archived oldest first, and {older}'s partition still holds records.");
            }
        }

        if (await db.HasDefaultRowsBeforeAsync(month.End, cancellationToken))
        {
            throw new ArchiveRefusedException(ArchiveRefusals.RowsInDefault,
                $"默认分区中有 {month} 或更早的记录 ledger_records_default holds records of {month} or earlier: make their month's partition (ledger_ensure_partition) first.");
        }
    }

    /// <summary>Per chain of the month's partition, the range it archives: after the previous archive's end, to its highest seq there.</summary>
    private static async Task<List<ArchiveChainHead>> ReadHeadsAsync(ArchiveQueries db, LedgerMonth month, CancellationToken cancellationToken)
    {
        var heads = new List<ArchiveChainHead>();
        foreach (var (chain, toSeq, previousTo) in await db.ChainRangesAsync(month, cancellationToken))
        {
            var fromSeq = previousTo + 1;
            if (toSeq < fromSeq)
            {
                continue; // every record of this chain in the month was a straddler of an older archive
            }

            var (fromPrev, toHash) = await db.EndsAsync(chain, fromSeq, toSeq, cancellationToken)
                ?? throw Broken(chain, fromSeq, "the record at the start or the end of the range is missing");
            heads.Add(new ArchiveChainHead
            {
                Chain = chain,
                FromSeq = fromSeq,
                ToSeq = toSeq,
                FromPrevHash = Convert.ToHexStringLower(fromPrev),
                ToHash = Convert.ToHexStringLower(toHash),
                Records = toSeq - fromSeq + 1,
                Straddlers = await db.StraddlersAsync(chain, fromSeq, toSeq, month.End, cancellationToken),
            });
        }

        heads.Sort((a, b) => string.CompareOrdinal(a.Chain, b.Chain));
        return heads;
    }

    /// <summary>The chain's range into the file, link by link: a database chain that is already broken is not archived as if whole.</summary>
    private static async Task WriteChainAsync(ArchiveQueries db, ArchiveFileWriter file, ArchiveChainHead head, CancellationToken cancellationToken)
    {
        var expected = head.FromSeq;
        byte[]? previous = null;
        await foreach (var record in db.RecordsAsync(head.Chain, head.FromSeq, head.ToSeq, cancellationToken))
        {
            if (record.Seq != expected || (previous is not null && !previous.AsSpan().SequenceEqual(record.PrevHash)))
            {
                throw Broken(head.Chain, expected, "a record is missing or does not link to the one before");
            }

            file.Write(record);
            previous = record.Hash;
            expected++;
        }

        if (expected != head.ToSeq + 1)
        {
            throw Broken(head.Chain, expected, "the range ends early");
        }
    }

    private static ArchiveRefusedException Broken(string chain, long seq, string what) =>
        new(ArchiveRefusals.ChainBroken,
            $"数据库中的链 {chain} 在 {seq} 处不完整，请先运行 verify --connection the chain {chain} is broken in the database at {seq} ({what}): run verify --connection first.",
            evidence: true);
}
