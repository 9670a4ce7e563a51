using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace DataGateway.Common.Text;

/// <summary>Registers a service's message table: the shared entries of this library plus the service's own.</summary>
public static class MessageTableExtensions
{
    /// <summary>The embedded resource name of the entries every service shares (identity, generic answers).</summary>
    public const string SharedResource = "DataGateway.Common.Text.messages.json";

    /// <summary>The shared entries followed by <paramref name="resource"/> of <paramref name="assembly"/>.</summary>
    public static MessageTable LoadWithShared(Assembly assembly, string resource) =>
        MessageTable.Load((typeof(MessageTable).Assembly, SharedResource), (assembly, resource));

    public static IServiceCollection AddMessageTable(this IServiceCollection services, MessageTable table) => services.AddSingleton(table);

    /// <summary>
    /// The text for <paramref name="key"/> in the request's language from the service's table, for code shared by
    /// both services (which has no table of its own to name).
    /// </summary>
    public static string Message(this HttpContext context, string key, params object?[] args) =>
        context.RequestServices?.GetService<MessageTable>()?.Get(key, args) ?? key;
}
