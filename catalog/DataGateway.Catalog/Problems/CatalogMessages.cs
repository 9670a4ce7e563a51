using DataGateway.Common.Text;

namespace DataGateway.Catalog.Problems;

/// <summary>
/// The catalog's message table (<c>Problems/messages.json</c>, with the shared entries of DataGateway.Common): every
/// title, detail and validation message a caller reads, in Chinese and English. Titles are keyed by the problem's
/// code, details by the code plus <c>.detail</c> or a variant, validation messages by <c>validation.*</c>.
/// </summary>
public static class CatalogMessages
{
    public const string Resource = "DataGateway.Catalog.Problems.messages.json";

    public static readonly MessageTable Table = MessageTableExtensions.LoadWithShared(typeof(CatalogMessages).Assembly, Resource);

    /// <summary>The text for <paramref name="key"/> in the request's language.</summary>
    public static string Get(string key, params object?[] args) => Table.Get(key, args);
}
