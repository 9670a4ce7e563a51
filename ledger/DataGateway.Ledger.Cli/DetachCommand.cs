using System.CommandLine;
using DataGateway.Ledger.Archive;
using DataGateway.Ledger.Schema;
using Npgsql;

namespace DataGateway.Ledger.Cli;

/// <summary>
/// <c>detach --connection CS --month yyyy-MM --archive FILE --key PEM… [--keep-table]</c>: re-verifies the archive,
/// checks it is the file recorded and holds every record of the month's partition, then detaches the partition and
/// drops it (or keeps it under another name). Exit code 0 detached; 1 the file or the database does not match;
/// 2 usage, connection, an unreadable file, or a month with no archive.
/// </summary>
internal static class DetachCommand
{
    public static Command Create()
    {
        var connection = CliOptions.Connection(required: true);
        var month = CliOptions.Month();
        var archive = new Option<string>("--archive")
        {
            Description = "该月的归档文件。 The month's archive file.",
            HelpName = "file",
            Required = true,
        };
        var keys = CliOptions.Keys();
        var keepTable = new Option<bool>("--keep-table")
        {
            Description = "分离后保留该表（改名为 ledger_detached_yyyy_MM）而不删除。 Keep the detached table (renamed ledger_detached_yyyy_MM) instead of dropping it.",
        };
        var detach = new Command(
            "detach",
            "核验归档后从账本分离该月分区；退出码 0 完成，1 归档或数据库不符，2 用法、连接错误或未归档。 " +
            "Verify the archive, then detach the month's partition from the ledger; exit code 0 done, 1 the archive or the database does not match, 2 usage, connection error or not archived.")
        {
            connection,
            month,
            archive,
            keys,
            keepTable,
        };
        detach.SetAction((result, cancellationToken) => RunAsync(result.GetRequiredValue(connection), result.GetRequiredValue(month), result.GetRequiredValue(archive),
            result.GetRequiredValue(keys), result.GetValue(keepTable), cancellationToken));
        return detach;
    }

    private static async Task<int> RunAsync(string connection, LedgerMonth month, string path, string[] keyFiles, bool keepTable, CancellationToken cancellationToken)
    {
        if (CheckpointKeys.Read(keyFiles) is not { } keys)
        {
            return CommandLineExit.UsageError;
        }

        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connection);
            await LedgerSchema.ApplyAsync(dataSource, cancellationToken);
            var result = await new ArchiveDetacher(dataSource, new ArchiveVerifier(keys)).DetachAsync(month, path, keepTable, cancellationToken);
            Console.WriteLine($"detached  {result.Month}: {result.RecordsCompared} records compared with the archive, partition " +
                (result.KeptAs is null ? "dropped" : $"kept as {result.KeptAs}"));
            return 0;
        }
        catch (ArchiveRefusedException ex)
        {
            return CliOptions.Refused(ex);
        }
        catch (ArchiveUnreadableException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return CommandLineExit.UsageError;
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"无法分离 cannot detach: {ex.Message}");
            return CommandLineExit.UsageError;
        }
    }
}
