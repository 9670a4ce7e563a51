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
            foreach (var failure in invalid.SelectMany(e => e.Failures))
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

    /// <summary>The validation failures in <paramref name="ex"/>: thrown alone on first read, aggregated by the host's start check.</summary>
    private static List<OptionsValidationException> Invalid(Exception ex) => ex switch
    {
        OptionsValidationException invalid => [invalid],
        AggregateException many => many.InnerExceptions.SelectMany(Invalid).ToList(),
        { InnerException: { } inner } => Invalid(inner),
        _ => [],
    };
}
