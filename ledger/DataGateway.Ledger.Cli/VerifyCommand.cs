using System.CommandLine;
using DataGateway.Ledger.Archive;
using DataGateway.Ledger.Schema;
using DataGateway.Ledger.Verification;
using Npgsql;

namespace DataGateway.Ledger.Cli;

/// <summary>
/// <c>verify --connection CS --key PEM…</c> walks the database's chains; <c>verify --archive FILE… --key PEM…</c>
/// verifies archive files offline, with no database. Exit code 0 intact, 1 tampered, 2 usage, connection or an
/// unreadable file.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var connection = CliOptions.Connection(required: false);
        var archives = new Option<string[]>("--archive")
        {
            Description = "离线核验的归档文件，可重复（相邻月份须首尾相接）。 An archive file to verify offline; repeat for consecutive months, which must link.",
            HelpName = "file",
            Arity = ArgumentArity.OneOrMore,
        };
        var keys = CliOptions.Keys();
        var json = new Option<bool>("--json") { Description = "以 JSON 输出报告。 Print the report as JSON." };
        var verify = new Command(
            "verify",
            "核验每条调用链和目录事件链及其签名检查点，或离线核验归档文件；退出码 0 完好，1 发现篡改，2 用法、连接或文件不可读。 " +
            "Verify every call chain and the catalog's event chain with their signed checkpoints, or archive files offline; exit code 0 intact, 1 tampered, 2 usage, connection or unreadable file.")
        {
            connection,
            archives,
            keys,
            json,
        };
        verify.Validators.Add(result =>
        {
            if ((result.GetResult(connection) is null) == (result.GetResult(archives) is null))
            {
                result.AddError("请给出 --connection 或 --archive 之一 give either --connection (the database) or --archive (files), not both, not neither.");
            }
        });
        verify.SetAction((result, cancellationToken) => result.GetResult(archives) is not null
            ? Task.FromResult(VerifyArchives(result.GetRequiredValue(archives), result.GetRequiredValue(keys), result.GetValue(json)))
            : VerifyDatabaseAsync(result.GetRequiredValue(connection), result.GetRequiredValue(keys), result.GetValue(json), cancellationToken));
        return verify;
    }

    private static int VerifyArchives(string[] files, string[] keyFiles, bool json)
    {
        if (CheckpointKeys.Read(keyFiles) is not { } keys)
        {
            return CommandLineExit.UsageError;
        }

        try
        {
            return ReportOutput.Print(new ArchiveVerifier(keys).Verify(files).Report, json, "the archive");
        }
        catch (ArchiveUnreadableException ex)
        {
            Console.Error.WriteLine(ex.Message);
            return CommandLineExit.UsageError;
        }
    }

    private static async Task<int> VerifyDatabaseAsync(string connection, string[] keyFiles, bool json, CancellationToken cancellationToken)
    {
        if (CheckpointKeys.Read(keyFiles) is not { } keys)
        {
            return CommandLineExit.UsageError;
        }

        VerificationReport report;
        try
        {
            await using var dataSource = NpgsqlDataSource.Create(connection);
            // The ledger's tables are the ledger's own: applied here as by every process that uses them (the same lock as
            // the gateway's and the catalog's start), so a verify against a database nothing has written yet is a clean,
            // empty report rather than a missing table.
            await LedgerSchema.ApplyAsync(dataSource, cancellationToken);
            report = await new LedgerVerifier(dataSource, keys).VerifyAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or ArgumentException)
        {
            Console.Error.WriteLine($"无法读取账本 cannot read the ledger: {ex.Message}");
            return CommandLineExit.UsageError;
        }

        return ReportOutput.Print(report, json, "the ledger");
    }
}
