using System.Security.Cryptography;
using Npgsql;

namespace DataGateway.Ledger.Archive;

/// <summary>
/// Detaches an archived month from <c>ledger_records</c>, after proving the file holds it: the file verifies
/// (<see cref="ArchiveVerifier"/>), it is the file recorded in <c>ledger_archives</c> (SHA-256), and every record of
/// the month's partition is in it with the same hash (or, below the chain's range, is a straddler of the previous
/// archive). The partition is locked against writes from the comparison to the detach, so nothing slips in between.
/// </summary>
public sealed class ArchiveDetacher(NpgsqlDataSource dataSource, ArchiveVerifier verifier)
{
    public async Task<DetachResult> DetachAsync(LedgerMonth month, string path, bool keepTable, CancellationToken cancellationToken = default)
    {
        var (recordedSha, detached) = await RecordedAsync(month, cancellationToken)
            ?? throw new ArchiveRefusedException(ArchiveRefusals.NotArchived, $"{month} 没有归档记录，先运行 archive {month} has no archive recorded in ledger_archives: run archive first.");
        if (detached)
        {
            throw new ArchiveRefusedException(ArchiveRefusals.AlreadyDetached, $"{month} 已分离 {month} is detached already.");
        }

        byte[] sha256;
        await using (var file = OpenForHash(path))
        {
            sha256 = await SHA256.HashDataAsync(file, cancellationToken);
        }

        if (!sha256.AsSpan().SequenceEqual(recordedSha))
        {
            throw new ArchiveRefusedException(ArchiveRefusals.NotTheRecordedFile,
                $"{path} 不是为 {month} 登记的归档文件（SHA-256 不符） {path} is not the archive recorded for {month}: its SHA-256 differs.", evidence: true);
        }

        var verification = verifier.Verify([path]);
        if (!verification.Report.Intact || verification.Headers[0].Month != month.ToString())
        {
            var bad = verification.Report.Chains.FirstOrDefault(c => c.Problem is not null);
            throw new ArchiveRefusedException(ArchiveRefusals.ArchiveNotVerified,
                $"归档未通过核验，不分离 the archive does not verify, so {month} is not detached: {bad?.Chain} {bad?.Problem} at seq {bad?.FirstBadSeq}: {bad?.Detail}", evidence: true);
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var db = new ArchiveQueries(connection, transaction);
        await using (var verified = db.Command("update ledger_archives set verified_at = now() where month = @month", ("month", month.FirstDay)))
        {
            await verified.ExecuteNonQueryAsync(cancellationToken);
        }

        // Writes to the month stop here (reads go on) until the partition is gone.
        await using (var lockCommand = db.Command($"lock table {month.PartitionName} in exclusive mode"))
        {
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        var compared = await new PartitionComparison(db, month).CompareAsync(path, verification.Headers[0], cancellationToken);
        var keptAs = keepTable ? month.DetachedName : null;
        await using (var detach = db.Command(
            $"alter table ledger_records detach partition {month.PartitionName}; " +
            (keptAs is null ? $"drop table {month.PartitionName};" : $"alter table {month.PartitionName} rename to {keptAs};") +
            "update ledger_archives set detached_at = now() where month = @month", ("month", month.FirstDay)))
        {
            await detach.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return new DetachResult(month, compared, keptAs);
    }

    private async Task<(byte[] Sha256, bool Detached)?> RecordedAsync(LedgerMonth month, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand("select file_sha256, detached_at is not null from ledger_archives where month = @month");
        command.Parameters.AddWithValue("month", month.FirstDay);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? (reader.GetFieldValue<byte[]>(0), reader.GetBoolean(1)) : null;
    }

    private static FileStream OpenForHash(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ArchiveUnreadableException(path, $"无法打开 cannot open it: {ex.Message}");
        }
    }
}
