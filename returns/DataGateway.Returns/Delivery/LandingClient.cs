using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using DataGateway.Policy.Model;
using DataGateway.Returns.Running;

namespace DataGateway.Returns.Delivery;

/// <summary>
/// POSTs one batch to a landing zone and classifies the answer. Never follows a redirect (the zone registered is the
/// only place a district's rows go) and never reads more of an answer than a small status body.
/// </summary>
internal sealed class LandingClient(HttpClient http)
{
    private const int MaxAnswerBytes = 64 * 1024;

    public static SocketsHttpHandler CreateHandler(TimeSpan connectTimeout) => new()
    {
        AllowAutoRedirect = false,
        ConnectTimeout = connectTimeout,
        MaxConnectionsPerServer = 64,
        PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    };

    public async Task<LandingOutcome> SendAsync(
        LandingZone zone, string? secret, Guid jobId, string dataset, ReturnBatch batch, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, zone.Url)
        {
            Content = new ByteArrayContent(Body(jobId, dataset, batch)),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", batch.BatchId.ToString());
        request.Headers.TryAddWithoutValidation("X-DataGateway-Return-Job", jobId.ToString());
        switch (zone.AuthKind)
        {
            case LandingAuthKind.Bearer:
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
                break;
            case LandingAuthKind.Header:
                request.Headers.TryAddWithoutValidation(zone.HeaderName!, secret);
                break;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            var answer = await ReadAnswerAsync(response, deadline.Token);
            return Classify(status, response.Headers.RetryAfter, answer);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return LandingOutcome.Failed(0, ReturnCodes.LandingTimeout, $"no answer within {timeout.TotalSeconds:0.#} s", transient: true);
        }
        catch (HttpRequestException e) when (e.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostNotFound or SocketError.NetworkUnreachable or SocketError.HostUnreachable })
        {
            return LandingOutcome.Failed(0, ReturnCodes.LandingUnreachable, e.Message, transient: true);
        }
        catch (HttpRequestException e)
        {
            return LandingOutcome.Failed(0, ReturnCodes.LandingConnectionLost, e.Message, transient: true);
        }
        catch (IOException e)
        {
            return LandingOutcome.Failed(0, ReturnCodes.LandingConnectionLost, e.Message, transient: true);
        }
    }

    private static LandingOutcome Classify(int status, RetryConditionHeaderValue? retryAfter, string answer)
    {
        var detail = $"HTTP {status}{(answer.Length > 0 ? ": " + answer[..Math.Min(answer.Length, 300)] : "")}";
        return status switch
        {
            >= 200 and < 300 => LandingOutcome.Stored(status, IsDuplicate(answer)),
            >= 300 and < 400 => LandingOutcome.Failed(status, ReturnCodes.LandingRedirected, detail, transient: false),
            401 or 403 => LandingOutcome.Failed(status, ReturnCodes.LandingUnauthorized, detail, transient: false),
            413 => LandingOutcome.Failed(status, ReturnCodes.LandingBatchTooLarge, detail, transient: false),
            429 => LandingOutcome.Failed(status, ReturnCodes.LandingThrottled, detail, transient: true, RetryAfterOf(retryAfter)),
            408 => LandingOutcome.Failed(status, ReturnCodes.LandingTimeout, detail, transient: true),
            >= 400 and < 500 => LandingOutcome.Failed(status, ReturnCodes.LandingRejected, detail, transient: false),
            _ => LandingOutcome.Failed(status, ReturnCodes.LandingError, detail, transient: true, RetryAfterOf(retryAfter)),
        };
    }

    private static TimeSpan? RetryAfterOf(RetryConditionHeaderValue? value) =>
        value?.Delta ?? (value?.Date is { } date ? date - DateTimeOffset.UtcNow : null);

    private static bool IsDuplicate(string answer)
    {
        try
        {
            using var document = JsonDocument.Parse(answer);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("duplicate", out var duplicate)
                && duplicate.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static async Task<string> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxAnswerBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return System.Text.Encoding.UTF8.GetString(buffer, 0, length);
    }

    private static byte[] Body(Guid jobId, string dataset, ReturnBatch batch)
    {
        using var stream = new MemoryStream(batch.RecordsJson.Length + 256);
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writer.WriteString("batchId", batch.BatchId);
            writer.WriteString("jobId", jobId);
            writer.WriteString("dataset", dataset);
            writer.WriteString("district", batch.District);
            writer.WriteNumber("sequence", batch.Sequence);
            writer.WritePropertyName("records");

            // The filter's output, already valid JSON (validated when it was read); not parsed again.
            writer.WriteRawValue(batch.RecordsJson.Span, skipInputValidation: true);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }
}
