using DataGateway.Common.Text;

namespace DataGateway.Gateway.Problems;

/// <summary>
/// The gateway's message table (<c>Problems/messages.json</c>, with the shared entries of DataGateway.Common): every
/// title and detail a caller reads, in Chinese and English. Titles are keyed by the problem's code; details by the
/// code plus <c>.detail</c> or a variant.
/// </summary>
public static class GatewayMessages
{
    public const string Resource = "DataGateway.Gateway.Problems.messages.json";

    public static readonly MessageTable Table = MessageTableExtensions.LoadWithShared(typeof(GatewayMessages).Assembly, Resource);

    /// <summary>The text for <paramref name="key"/> in the request's language.</summary>
    public static string Get(string key, params object?[] args) => Table.Get(key, args);
}
