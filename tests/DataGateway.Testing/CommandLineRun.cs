using System.Diagnostics;

namespace DataGateway.Testing;

/// <summary>One run of one of the repository's command-line programs to its end: exit code and what it printed.</summary>
public sealed record CommandLineRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs <c>dotnet {dll} args</c> from the repository's root, e.g. the ledger CLI or the demo.</summary>
    public static async Task<CommandLineRun> RunAsync(string dll, params string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryPaths.Root,
        };
        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var watchdog = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(watchdog.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(dll)} {string.Join(' ', args)} did not exit.");
        }

        return new CommandLineRun(process.ExitCode, await output, await error);
    }
}
