using DataGateway.Filtering;
using System.Globalization;
using System.Text.Json;
using DataGateway.Gateway.Enforcement;
using DataGateway.Gateway.Forwarding;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using Microsoft.Extensions.Primitives;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Verification;

/// <summary>
/// Counts the records that match a verify call, page by page, over the same pipeline as the data API: the upstream
/// request comes from <see cref="UpstreamRequestBuilder"/>, and each page goes through the response field filter
/// with the decision's row rule before anything is compared. A record the data API would drop (out of scope, its
/// district listed twice, a match field given twice) is therefore never counted.
/// </summary>
internal sealed class VerifyCounter(ResponseFilterStage filter)
{
    /// <summary>How far verify pages through an upstream: this many pages of the dataset's page size.</summary>
    private const int MaxPages = 100;

    /// <param name="consent">Under a consent, only the subject's records count: its subject field is compared as well.</param>
    public async Task<long> CountAsync(HttpClient client, Uri baseAddress, HttpContext http, Decision decision, Dictionary<string, string> match,
        IConsentFeature? consent, CancellationToken cancellationToken)
    {
        var dataset = decision.Dataset!;
        var pageSize = dataset.MaxPageSize;
        var compared = decision.Fields.Select(f => f.Name).ToList();
        (string Field, string Value)? subject = consent is not null && dataset.ConsentSubjectField is { } subjectField
            ? (subjectField, consent.Subject)
            : null;
        if (subject is { } s && !compared.Contains(s.Field, StringComparer.Ordinal))
        {
            compared.Add(s.Field);
        }

        // The match fields are compared here, never returned, so the plan keeps them unmasked.
        var plan = FilterPlan.Create(
            dataset.RecordPath,
            compared.Select(f => new FieldDecision(f, MaskRule.None)).ToArray(),
            dataset.DistrictField,
            decision.Districts,
            pageSize,
            subjectField: dataset.ConsentSubjectField);
        long count = 0;
        for (var page = 1; page <= MaxPages; page++)
        {
            // Department APIs filter on top-level fields: the match values are asked for as filters, and compared again.
            var query = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase);
            foreach (var (field, value) in match.Where(p => !p.Key.Contains('.')))
            {
                query[field] = value;
            }

            query[GatewayParameters.Page] = page.ToString(CultureInfo.InvariantCulture);
            query[GatewayParameters.Size] = pageSize.ToString(CultureInfo.InvariantCulture);
            UpstreamRequestBuilder.Query(query, dataset, decision, consent);
            var uri = UpstreamRequestBuilder.Address(baseAddress, UpstreamRequestBuilder.Path(dataset, null), query);
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            UpstreamRequestBuilder.Headers(http, request.Headers, decision);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return count;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new UpstreamAnswerException(GatewayProblemCodes.UpstreamError);
            }

            if (!ResponseFilterStage.IsJson(response.Content.Headers.ContentType))
            {
                throw new UpstreamAnswerException(GatewayProblemCodes.UpstreamNotJson);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            if (!UpstreamContentDecoding.TryDecode(stream, response.Content.Headers.ContentEncoding, out var decoded, out var encodingError))
            {
                throw new UpstreamAnswerException(encodingError!);
            }

            using var filtered = new MemoryStream();
            FilterResult result;
            await using (decoded)
            {
                result = await filter.FilterAsync(decoded, filtered, plan, http, dataset.Code, cancellationToken);
            }

            if (!result.Succeeded)
            {
                throw new UpstreamAnswerException(result.ErrorCode!);
            }

            count += CountMatches(filtered.GetBuffer().AsMemory(0, (int)filtered.Length), dataset.RecordPath, match, subject);
            if (result.RecordsSeen < pageSize)
            {
                return count;
            }
        }

        return count;
    }

    /// <summary>
    /// Counts the matching records of a filtered page. The filter wrote each kept record with only the match fields,
    /// each at most once (a key given twice upstream is dropped in all its occurrences), and <c>null</c> for a single
    /// record it dropped.
    /// </summary>
    private static long CountMatches(ReadOnlyMemory<byte> filtered, string recordPath, Dictionary<string, string> match, (string Field, string Value)? subject)
    {
        using var document = JsonDocument.Parse(filtered, new JsonDocumentOptions { MaxDepth = 66 });
        long count = 0;
        foreach (var record in Records(document.RootElement, recordPath.Length == 0 ? [] : recordPath.Split('.'), 0))
        {
            if (record.ValueKind == JsonValueKind.Object && match.All(p => Value(record, p.Key) == p.Value)
                && (subject is not { } s || Value(record, s.Field) == s.Value))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The records at the record path; every occurrence of a path key is followed, as the filter does.</summary>
    private static IEnumerable<JsonElement> Records(JsonElement at, string[] path, int level)
    {
        if (level == path.Length)
        {
            return at.ValueKind switch
            {
                JsonValueKind.Array => at.EnumerateArray(),
                JsonValueKind.Object => [at],
                _ => [],
            };
        }

        return at.ValueKind != JsonValueKind.Object
            ? []
            : at.EnumerateObject().Where(p => p.NameEquals(path[level])).SelectMany(p => Records(p.Value, path, level + 1));
    }

    /// <summary>A scalar at a dotted path, as text (strings unescaped, numbers as written); null when absent or not a scalar.</summary>
    private static string? Value(JsonElement record, string path)
    {
        var current = record;
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return null;
            }
        }

        return current.ValueKind is JsonValueKind.String or JsonValueKind.Number ? VerifyBody.Text(current) : null;
    }
}
