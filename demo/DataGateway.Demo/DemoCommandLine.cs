using System.CommandLine;
using System.Globalization;

namespace DataGateway.Demo;

/// <summary>
/// Runs the demo's command line (System.CommandLine) with the exit codes the scripts rely on: a usage error — an
/// unknown command or option, a missing or malformed value — is exit code 2 with the parser's message (the library's
/// own default is 1).
/// </summary>
internal static class DemoCommandLine
{
    public const int UsageError = 2;

    public static async Task<int> InvokeAsync(RootCommand root, string[] args)
    {
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                await Console.Error.WriteLineAsync(error.Message);
            }

            var command = result.CommandResult.Command is RootCommand ? "" : " " + result.CommandResult.Command.Name;
            await Console.Error.WriteLineAsync($"用法见 for usage, see: DataGateway.Demo{command} --help");
            return UsageError;
        }

        // The services command's host handles SIGTERM and Ctrl-C itself (a graceful stop); the parser must not race it.
        return await result.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }

    /// <summary>An option's value must lie in [min, max].</summary>
    public static void InRange(this Option<int> option, int min, int max)
    {
        option.Validators.Add(result =>
        {
            // A value that is not a number at all is the parser's own error; reading it here would throw.
            if (result.Tokens is [var token] && !int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                return;
            }

            var value = result.GetValueOrDefault<int>();
            if (value < min || value > max)
            {
                result.AddError($"{option.Name} 须在 {min} 到 {max} 之间 must be between {min} and {max}: {value}");
            }
        });
    }

    /// <summary>An option's value must not be empty.</summary>
    public static void NotEmpty(this Option<string> option)
    {
        option.Validators.Add(result =>
        {
            if (string.IsNullOrEmpty(result.GetValueOrDefault<string>()))
            {
                result.AddError($"{option.Name} 不能为空 must not be empty");
            }
        });
    }
}
