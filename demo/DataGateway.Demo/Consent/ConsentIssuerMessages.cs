using DataGateway.Common.Text;

namespace DataGateway.Demo.Consent;

/// <summary>The demo consent issuer's message table (<c>Consent/messages.json</c>), Chinese and English, keyed by code.</summary>
internal static class ConsentIssuerMessages
{
    public const string Resource = "DataGateway.Demo.Consent.messages.json";

    public static readonly MessageTable Table = MessageTable.Load((typeof(ConsentIssuerMessages).Assembly, Resource));

    public static string Get(string key, params object?[] args) => Table.Get(key, args);
}
