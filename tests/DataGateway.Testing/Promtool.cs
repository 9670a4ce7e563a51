using System.Diagnostics;

namespace DataGateway.Testing;

/// <summary>
/// Prometheus's own checker (<c>promtool check metrics</c>, Debian package <c>prometheus</c>, which
/// <c>scripts/test.sh</c> installs): parses an exposition as the Prometheus server would, then lints names,
/// help texts and types. Exit code 0 and no output mean it has nothing to say.
/// </summary>
public static class Promtool
{
    public const string Path = "/usr/bin/promtool";

    public static async Task<PromtoolResult> CheckMetricsAsync(string exposition)
    {
        if (!File.Exists(Path))
        {
            throw new InvalidOperationException($"{Path} is missing: run the tests with scripts/test.sh, or apt-get install prometheus.");
        }

        var info = new ProcessStartInfo(Path)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("check");
        info.ArgumentList.Add("metrics");
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        return new PromtoolResult(process.ExitCode, (await output + await errors).Trim());
    }
}
