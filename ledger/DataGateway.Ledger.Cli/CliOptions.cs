using System.CommandLine;
using DataGateway.Ledger.Archive;

namespace DataGateway.Ledger.Cli;

/// <summary>The options several commands share, each made anew per command (an option belongs to one command).</summary>
internal static class CliOptions
{
    public static Option<string> Connection(bool required) => new("--connection")
    {
        Description = "PostgreSQL 连接串（Npgsql 格式）。 The PostgreSQL connection string (Npgsql format).",
        HelpName = "connection-string",
        Required = required,
    };

    public static Option<string[]> Keys() => new("--key")
    {
        Description = "签署检查点的公钥（PEM 文件），可重复。 A public key (PEM file) that signs checkpoints; repeat for more.",
        HelpName = "pem-file",
        Required = true,
        Arity = ArgumentArity.OneOrMore,
    };

    /// <summary><c>--month yyyy-MM</c>, a UTC month; anything else is a usage error (exit code 2).</summary>
    public static Option<LedgerMonth> Month() => new("--month")
    {
        Description = "账本月份（UTC），如 2026-10。 The ledger month (UTC), e.g. 2026-10.",
        HelpName = "yyyy-MM",
        Required = true,
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : null;
            if (LedgerMonth.TryParse(text, out var month))
            {
                return month;
            }

            result.AddError($"月份应为 yyyy-MM the month must be yyyy-MM, not '{text}'.");
            return default;
        },
    };

    /// <summary>Prints a refusal with its code; exit code 1 when the data is the reason, else 2.</summary>
    public static int Refused(ArchiveRefusedException ex)
    {
        Console.Error.WriteLine($"{ex.Code}: {ex.Message}");
        return ex.Evidence ? 1 : CommandLineExit.UsageError;
    }
}
