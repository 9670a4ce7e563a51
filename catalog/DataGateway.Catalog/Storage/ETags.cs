using Microsoft.Net.Http.Headers;

namespace DataGateway.Catalog.Storage;

/// <summary>Optimistic concurrency: a resource's ETag is its row version; writes may send it back in If-Match.</summary>
public static class ETags
{
    public static string For(long rowVersion) => $"\"{rowVersion}\"";

    /// <summary>
    /// True when the request may change a row now at <paramref name="rowVersion"/>: no If-Match (last writer wins, as
    /// for curl users), <c>*</c>, or the current ETag. False means someone else changed it: answer 412.
    /// </summary>
    public static bool Matches(HttpRequest request, long rowVersion)
    {
        var header = request.Headers.IfMatch;
        if (header.Count == 0)
        {
            return true;
        }

        if (!EntityTagHeaderValue.TryParseList(header, out var tags))
        {
            return false;
        }

        var current = For(rowVersion);
        // If-Match compares strongly (RFC 9110, 13.1.1): a weak tag says "equivalent", never "this exact version".
        return tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || (!t.IsWeak && t.Tag.Equals(current, StringComparison.Ordinal)));
    }

    public static void Set(HttpResponse response, long rowVersion) => response.Headers.ETag = For(rowVersion);
}
