using System.CommandLine;

namespace DataGateway.Ledger.Cli;

/// <summary>
/// Runs a parsed command line with this tool's exit codes: a usage error (an unknown option, a missing or malformed
/// value) is exit code 2 with the parser's message, as before System.CommandLine (whose own default is 1, which here
/// means "tampering found").
/// </summary>
internal static class CommandLineExit
{
    public const int UsageError = 2;

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var result = root.Parse(args);
        if (result.Errors.Count == 0)
        {
            return await result.InvokeAsync();
        }

        foreach (var error in result.Errors)
        {
            await Console.Error.WriteLineAsync(error.Message);
        }

        var command = result.CommandResult.Command is RootCommand ? "" : " " + result.CommandResult.Command.Name;
        await Console.Error.WriteLineAsync($"用法见 for usage, see: datagateway-ledger{command} --help");
        return UsageError;
    }
}
