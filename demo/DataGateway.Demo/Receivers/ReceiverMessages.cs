using DataGateway.Common.Text;

namespace DataGateway.Demo.Receivers;

/// <summary>
/// The receivers' message table (<c>Receivers/messages.json</c>): every message a refusal carries, in Chinese and
/// English, keyed by the refusal's code (<see cref="LandingErrorCodes"/>). The same table type as the catalog's and
/// the gateway's, so the same checks hold for it.
/// </summary>
internal static class ReceiverMessages
{
    public const string Resource = "DataGateway.Demo.Receivers.messages.json";

    public static readonly MessageTable Table = MessageTable.Load((typeof(ReceiverMessages).Assembly, Resource));

    /// <summary>The text for <paramref name="key"/> in the request's language.</summary>
    public static string Get(string key, params object?[] args) => Table.Get(key, args);
}
