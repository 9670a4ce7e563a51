using System.CommandLine;
using DataGateway.Ledger.Archive;
using DataGateway.Ledger.Schema;
using Npgsql;

namespace DataGateway.Ledger.Cli;

/// <summary>
/// <c>archive --connection CS --month yyyy-MM --out FILE</c>: writes the month to one gzip'd JSON Lines file and
/// records it in <c>ledger_archives</c>. Exit code 0 written; 1 the database's chain is broken; 2 usage, connection,
/// or a refusal (a file there already, a month not yet ended, an older month not yet detached).
/// </summary>
internal static class ArchiveCommand
{
    public static Command Create()
    {
        var connection = CliOptions.Connection(required: true);
        var month = CliOptions.Month();
        var output = new Option<string>("--out")
        {
            Description = "归档文件（先写 FILE.tmp 再改名，不覆盖已有文件）。 The archive file (written to FILE.tmp, then renamed; never overwritten).",
            HelpName = "file",
            Required = true,
        };
        var archive = new Command(
            "archive",
            "把一个月的账本归档到一个文件（按月从旧到新）；退出码 0 完成，1 数据库中的链不完整，2 用法、连接错误或拒绝。 " +
            "Archive one month of the ledger to one file (oldest month first); exit code 0 done, 1 the database's chain is broken, 2 usage, connection error or refused.")
        {
            connection,
            month,
            output,
        };
        archive.SetAction((result, cancellationToken) =>
            RunAsync(result.GetRequiredValue(connection), result.GetRequiredValue(month), result.GetRequiredValue(output), cancellationToken));
        return archive;
    }

    private static async Task<int> RunAsync(string connection, LedgerMonth month, string path, CancellationToken cancellationToken)
    {
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connection);
            await LedgerSchema.ApplyAsync(dataSource, cancellationToken);
            var result = await new LedgerArchiver(dataSource).ArchiveAsync(month, path, cancellationToken);
            Console.WriteLine($"archived  {result.Month}: {result.Records} records of {result.Chains} chains, {result.Checkpoints} checkpoints, " +
                $"{result.Bytes} bytes, sha256 {Convert.ToHexStringLower(result.Sha256)} -> {result.Path}");
            return 0;
        }
        catch (ArchiveRefusedException ex)
        {
            return CliOptions.Refused(ex);
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"无法归档 cannot archive: {ex.Message}");
            return CommandLineExit.UsageError;
        }
    }
}
