using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DataGateway.Common.Configuration;

/// <summary>
/// Runs a deployable's start-up and life; a setting that is missing or invalid ends it with exit code
/// <see cref="InvalidConfigurationExitCode"/> and one line per setting on stderr, instead of a stack trace and an abort.
/// </summary>
public static class StartupConfiguration
{
    /// <summary>What a process exits with when its configuration is invalid (sysexits' EX_CONFIG).</summary>
    public const int InvalidConfigurationExitCode = 78;

    public static async Task<int> RunAsync(Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception ex) when (Invalid(ex) is { Count: > 0 } invalid)
        {
            // Both languages, as every message the platform gives: operators read either.
            await Console.Error.WriteLineAsync("配置无效，未启动 / Invalid configuration, not started:");
            foreach (var failure in invalid)
            {
                await Console.Error.WriteLineAsync("  " + failure);
            }

            return InvalidConfigurationExitCode;
        }
    }

    /// <summary>
    /// Checks every section registered with <c>ValidateOnStart</c> now, right after the host is built: before the
    /// migrations and the first catalog load, which would otherwise wait on a database while a setting is missing.
    /// </summary>
    public static void ValidateSettings(this IHost host) => host.Services.GetService<IStartupValidator>()?.Validate();

    /// <summary>
    /// The failures in <paramref name="ex"/>, one line each: validation failures (thrown alone on first read, aggregated
    /// by the host's start check), and values the configuration binder could not convert to their setting's type.
    /// </summary>
    private static List<string> Invalid(Exception ex) => ex switch
    {
        OptionsValidationException invalid => invalid.Failures.ToList(),
        AggregateException many => many.InnerExceptions.SelectMany(Invalid).ToList(),
        InvalidOperationException { InnerException: { } inner } when UnconvertedKey(ex) is { } key =>
            [$"{key} (env {key.Replace(":", "__", StringComparison.Ordinal)}): {inner.Message}"],
        { InnerException: { } inner } => Invalid(inner),
        _ => [],
    };

    /// <summary>
    /// The key of a value the binder could not convert (a word where a number, a duration or one of an enum's names
    /// belongs): it says so only in its message, "Failed to convert configuration value '…' at '{key}' to type '…'".
    /// </summary>
    private static string? UnconvertedKey(Exception ex) =>
        ex.TargetSite?.DeclaringType?.FullName == "Microsoft.Extensions.Configuration.ConfigurationBinder"
        && System.Text.RegularExpressions.Regex.Match(ex.Message, @" at '(?<key>[^']+)' to type '[^']+'\.$") is { Success: true } match
            ? match.Groups["key"].Value
            : null;
}
