using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using DataGateway.Catalog.Hosting;
using DataGateway.Catalog.WebConsole;
using DataGateway.Common.Consent;
using DataGateway.Common.Identity;
using DataGateway.Common.Observability;
using DataGateway.Gateway.Hosting;
using DataGateway.Gateway.Metering;
using DataGateway.Gateway.Quotas;
using DataGateway.Policy.Opa;
using DataGateway.Returns;

namespace DataGateway.Chart.Tests;

/// <summary>
/// The configuration each deployable reads: its option classes by section (the sections the applications bind, the
/// <c>Section</c> constants), resolved by reflection, so a renamed or removed setting fails the mapping tests.
/// </summary>
public static class ApplicationSettings
{
    /// <summary>Read outside the option classes: ASP.NET's listening addresses and the metrics port (common).</summary>
    public static readonly string[] HostKeys = ["Urls", MetricsEndpointExtensions.PortKey];

    public static readonly IReadOnlyDictionary<string, IReadOnlyDictionary<string, Type>> Sections = new Dictionary<string, IReadOnlyDictionary<string, Type>>
    {
        ["gateway"] = new Dictionary<string, Type>
        {
            [GatewayOptions.Section] = typeof(GatewayOptions),
            [LedgerOptions.Section] = typeof(LedgerOptions),
            [QuotaOptions.Section] = typeof(QuotaOptions),
            [OpaOptions.Section] = typeof(OpaOptions),
            [IdentityOptions.Section] = typeof(IdentityOptions),
            [ConsentOptions.Section] = typeof(ConsentOptions),
        },
        ["catalog"] = new Dictionary<string, Type>
        {
            [CatalogOptions.Section] = typeof(CatalogOptions),
            [ConsoleOidcOptions.Section] = typeof(ConsoleOidcOptions),
            [DataGateway.Catalog.Notifications.NotificationOptions.Section] = typeof(DataGateway.Catalog.Notifications.NotificationOptions),
            [IdentityOptions.Section] = typeof(IdentityOptions),
            [ConsentOptions.Section] = typeof(ConsentOptions),
        },
        ["returns"] = new Dictionary<string, Type>
        {
            [ReturnWorkerSettings.Section] = typeof(ReturnWorkerSettings),
        },
    };

    /// <summary>
    /// Settings required only in combination, checked by the classes' <c>Validate</c> rather than an attribute: at
    /// least one key of each group must be set.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string[][]> RequiredGroups = new Dictionary<string, string[][]>
    {
        ["gateway"] = [["DataGateway:Identity:SigningKeyFiles", "DataGateway:Identity:JwksUrl"], ["DataGateway:Ledger:JournalDirectory"]],
        ["catalog"] = [["DataGateway:Identity:SigningKeyFiles", "DataGateway:Identity:JwksUrl"]],
        ["returns"] = [],
    };

    /// <summary>Turns an environment variable's name into the configuration key .NET reads from it.</summary>
    public static string KeyOf(string environmentName) => environmentName.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="key"/> is a setting <paramref name="component"/> reads (case-insensitive, as the binder).</summary>
    public static bool IsRead(string component, string key)
    {
        if (HostKeys.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            return true;
        }

        foreach (var (section, type) in Sections[component])
        {
            if (key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase) && Resolves(type, key[(section.Length + 1)..].Split(':')))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Every [Required] setting of the component's option classes, nested classes included.</summary>
    public static IEnumerable<string> RequiredKeys(string component) =>
        Sections[component].SelectMany(s => RequiredIn(s.Value, s.Key));

    private static IEnumerable<string> RequiredIn(Type type, string prefix)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            if (property.GetCustomAttribute<RequiredAttribute>() is not null)
            {
                yield return $"{prefix}:{property.Name}";
            }
            else if (IsOptionsClass(property.PropertyType))
            {
                foreach (var nested in RequiredIn(property.PropertyType, $"{prefix}:{property.Name}"))
                {
                    yield return nested;
                }
            }
        }
    }

    private static bool Resolves(Type type, string[] path)
    {
        var property = type.GetProperty(path[0], BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
        if (property is null || !property.CanWrite && !IsOptionsClass(property.PropertyType))
        {
            return false;
        }

        var rest = path[1..];
        if (rest.Length == 0)
        {
            return true;
        }

        // A list's items are keyed by index, a dictionary's by name (e.g. SigningKeyFiles:0, Secrets:zone-a).
        if (property.PropertyType.IsGenericType && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
        {
            return rest.Length == 1;
        }

        return IsOptionsClass(property.PropertyType) && Resolves(property.PropertyType, rest);
    }

    private static bool IsOptionsClass(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) && type.Namespace?.StartsWith("DataGateway", StringComparison.Ordinal) == true;
}
