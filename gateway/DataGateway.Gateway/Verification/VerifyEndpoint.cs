using System.Globalization;
using System.Text.Json;
using DataGateway.Common.Identity;
using DataGateway.Common.Problems;
using DataGateway.Gateway.CatalogSync;
using DataGateway.Gateway.Enforcement;
using DataGateway.Gateway.Forwarding;
using DataGateway.Gateway.Metering;
using DataGateway.Gateway.Quotas;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Engine;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.Features;

namespace DataGateway.Gateway.Verification;

/// <summary>
/// <c>POST /api/{dataset}/verify</c> — usable, not visible (可用不可见): answers whether records with the given values
/// exist, and how many, comparing on the gateway against the upstream's records. No field value ever leaves.
/// </summary>
/// <remarks>
/// The upstream is asked with the match values as filters (department APIs filter by field), and every record it
/// returns is compared here again, so an upstream that ignores a filter cannot inflate the count.
/// </remarks>
internal static class VerifyEndpoint
{
    public const string BodyInvalid = "verify_body_invalid";
    private const int MaxMatchFields = 10;
    private const int PageSize = 1000;
    private const int MaxPages = 100;

    public static IEndpointRouteBuilder MapVerifyEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/{dataset}/verify", VerifyAsync);
        return app;
    }

    private static async Task VerifyAsync(
        string dataset,
        HttpContext http,
        CatalogSnapshotHolder holder,
        IPolicyEngine engine,
        TimeProvider time,
        IHttpClientFactory clients,
        QuotaGate quotas,
        CancellationToken cancellationToken)
    {
        var caller = http.Features.GetRequiredFeature<ICallerFeature>().Caller;
        var call = http.Features.Get<CallRecord>();
        call?.Action = LedgerActions.Verify;
        var match = await ReadMatchAsync(http, cancellationToken);
        if (match is null)
        {
            await ProblemResponses.WriteAsync(http, StatusCodes.Status400BadRequest, BodyInvalid, "The verify request is not valid.",
                $"Send {{\"match\": {{\"field\": \"value\", …}}}} with 1 to {MaxMatchFields} fields whose values are strings or numbers.");
            return;
        }

        var district = http.Request.Query[GatewayParameters.District].ToString() is { Length: > 0 } d ? d : null;
        var snapshot = holder.Current;
        var decision = engine.Decide(snapshot, new AccessRequest(caller, dataset, DataAction.Verify, match.Keys.ToList(), district, time.GetUtcNow()));
        call?.Decided(decision, snapshot.Version, LedgerActions.Verify);
        if (!decision.Allowed)
        {
            await DenyResponses.WriteAsync(http, decision);
            return;
        }

        var data = decision.Dataset!;
        var service = snapshot.FindService(data.ServiceId)!;
        var baseAddress = service.IsPerDistrict
            ? service.DistrictAddresses.GetValueOrDefault(district ?? caller.DistrictCode ?? "")
            : service.BaseAddress;
        if (baseAddress is null)
        {
            await ProblemResponses.WriteAsync(http, StatusCodes.Status400BadRequest, DecisionMiddleware.DistrictRequired, "Which district?",
                $"'{data.Code}' is deployed per district: name one with ?district=.");
            return;
        }

        var verdict = await quotas.TryTakeAsync(decision.Grant, cancellationToken);
        if (verdict is QuotaVerdict.Exceeded or QuotaVerdict.Unavailable)
        {
            await QuotaResponses.WriteAsync(http, verdict, decision, snapshot.Version, LedgerActions.Verify, quotas);
            return;
        }

        var client = clients.CreateClient(nameof(VerifyEndpoint));
        client.Timeout = service.Timeout;
        long count;
        try
        {
            call?.UpstreamStarting();
            count = await CountAsync(client, baseAddress, data, decision, match, caller, http.TraceIdentifier, cancellationToken);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ProblemResponses.WriteAsync(http, StatusCodes.Status504GatewayTimeout, ForwarderErrorMiddleware.UpstreamTimeout, "The data service did not answer in time.", null);
            return;
        }
        catch (HttpRequestException)
        {
            await ProblemResponses.WriteAsync(http, StatusCodes.Status502BadGateway, ForwarderErrorMiddleware.UpstreamUnavailable, "The data service could not be reached.", null);
            return;
        }
        catch (UpstreamAnswerException ex)
        {
            await ProblemResponses.WriteAsync(http, StatusCodes.Status502BadGateway, ex.Code, "The data service's answer could not be used.", null);
            return;
        }

        call?.UpstreamAnswered();
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "application/json; charset=utf-8";

        // No Content-Length: the answer is complete only when the ledger has its record (verify calls are billed).
        var body = JsonSerializer.SerializeToUtf8Bytes(new VerifyResult(count > 0, count), JsonSerializerOptions.Web);
        call?.BytesOut = body.Length;
        await http.Response.Body.WriteAsync(body, cancellationToken);
    }

    /// <summary>The match object, or null when the body is not what a verify call takes.</summary>
    private static async Task<Dictionary<string, string>?> ReadMatchAsync(HttpContext http, CancellationToken cancellationToken)
    {
        if (http.Request.ContentLength is > 64 * 1024)
        {
            return null;
        }

        try
        {
            using var document = await JsonDocument.ParseAsync(http.Request.Body, default, cancellationToken);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("match", out var match)
                || match.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in match.EnumerateObject())
            {
                if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Number) || !result.TryAdd(property.Name, Text(property.Value)))
                {
                    return null;
                }
            }

            return result.Count is >= 1 and <= MaxMatchFields ? result : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task<long> CountAsync(
        HttpClient client, Uri baseAddress, Dataset dataset, Decision decision, Dictionary<string, string> match, CallerIdentity caller, string requestId, CancellationToken cancellationToken)
    {
        var query = match.Where(p => !p.Key.Contains('.')).Select(p => (p.Key, p.Value)).ToList();
        if (decision.Districts is { Count: 1 } only && dataset.DistrictField is { } districtField && !districtField.Contains('.') && !match.ContainsKey(districtField))
        {
            query.Add((districtField, only.First()));
        }

        long count = 0;
        for (var page = 1; page <= MaxPages; page++)
        {
            var parameters = query.Append(("page", page.ToString(CultureInfo.InvariantCulture))).Append(("size", PageSize.ToString(CultureInfo.InvariantCulture)));
            var uri = new Uri(baseAddress, dataset.Path.TrimEnd('/') + "?" + string.Join('&', parameters.Select(p => Uri.EscapeDataString(p.Item1) + "=" + Uri.EscapeDataString(p.Item2))));
            using var request = new HttpRequestMessage(HttpMethod.Get, uri);
            request.Headers.TryAddWithoutValidation(UpstreamHeaders.Caller, caller.OrganizationId);
            request.Headers.TryAddWithoutValidation(UpstreamHeaders.CallerKind, caller.Kind.ToString().ToLowerInvariant());
            if (decision.Grant is { } grant)
            {
                request.Headers.TryAddWithoutValidation(UpstreamHeaders.Grant, grant.Id);
            }

            request.Headers.TryAddWithoutValidation(UpstreamHeaders.RequestId, requestId);
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                return count;
            }

            if (!response.IsSuccessStatusCode)
            {
                throw new UpstreamAnswerException(ResponseFilterStage.UpstreamError);
            }

            if (response.Content.Headers.ContentType?.MediaType is not { } media || !media.Contains("json", StringComparison.OrdinalIgnoreCase))
            {
                throw new UpstreamAnswerException(ResponseFilterStage.UpstreamNotJson);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            if (!UpstreamContentDecoding.TryDecode(stream, response.Content.Headers.ContentEncoding, out var decoded, out var encodingError))
            {
                throw new UpstreamAnswerException(encodingError!);
            }

            JsonDocument document;
            try
            {
                document = await JsonDocument.ParseAsync(decoded, new JsonDocumentOptions { MaxDepth = 64 }, cancellationToken);
            }
            catch (JsonException)
            {
                throw new UpstreamAnswerException(FilterErrorCodes.Malformed);
            }

            using (document)
            {
                var records = Records(document.RootElement, dataset.RecordPath);
                var seen = 0;
                foreach (var record in records)
                {
                    seen++;
                    if (record.ValueKind == JsonValueKind.Object && InScope(record, dataset, decision) && match.All(p => Value(record, p.Key) == p.Value))
                    {
                        count++;
                    }
                }

                if (seen < PageSize)
                {
                    return count;
                }
            }
        }

        return count;
    }

    private static IEnumerable<JsonElement> Records(JsonElement root, string recordPath)
    {
        var current = root;
        foreach (var segment in recordPath.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                return [];
            }
        }

        return current.ValueKind switch
        {
            JsonValueKind.Array => current.EnumerateArray(),
            JsonValueKind.Object => [current],
            _ => [],
        };
    }

    private static bool InScope(JsonElement record, Dataset dataset, Decision decision) =>
        decision.Districts is null
        || (dataset.DistrictField is { } field && Value(record, field) is { } code && decision.Districts.Contains(code));

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

        return current.ValueKind is JsonValueKind.String or JsonValueKind.Number ? Text(current) : null;
    }

    private static string Text(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();

    private sealed record VerifyResult(bool Matched, long Count);

    private sealed class UpstreamAnswerException(string code) : Exception(code)
    {
        public string Code { get; } = code;
    }
}
