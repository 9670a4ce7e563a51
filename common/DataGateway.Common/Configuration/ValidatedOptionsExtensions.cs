using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DataGateway.Common.Configuration;

/// <summary>The one way a deployable binds a settings section: bound, validated by its annotations, checked at start.</summary>
public static class ValidatedOptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> to <paramref name="section"/> and validates it when the host starts (or
    /// when it is first read, if that is earlier); a failure names the full key (see <see cref="StartupConfiguration"/>).
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string section)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new KeyedOptionsValidator<TOptions>(section));
        return services.AddOptions<TOptions>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>The same, bound to the <paramref name="configuration"/> given rather than the container's.</summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, IConfiguration configuration, string section)
        where TOptions : class
    {
        services.AddSingleton<IValidateOptions<TOptions>>(new KeyedOptionsValidator<TOptions>(section));
        return services.AddOptions<TOptions>().Bind(configuration.GetSection(section)).ValidateOnStart();
    }
}
