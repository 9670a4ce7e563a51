using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace DataGateway.Catalog.Notifications;

/// <summary>
/// POSTs one notification to a webhook, signed (<see cref="WebhookSignature"/>), retrying a blip with Polly
/// (exponential backoff with jitter); a receiver that refuses for good (a 4xx) is not asked again.
/// </summary>
/// <remarks>
/// Redirects are not followed: a receiver that answers 3xx would otherwise send the notification somewhere the
/// organization never registered. The body is the feed's own entry, so a receiver can take both the same way.
/// </remarks>
internal sealed class WebhookSender(WebhookSecrets secrets, IOptionsMonitor<NotificationOptions> options, TimeProvider time) : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly HttpClient _client = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectCallback = (context, token) => ConnectAsync(context, options.CurrentValue.AllowPrivateAddresses, token),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    /// <summary>The outcome of the last attempt; null when the webhook's secret is not configured (nothing is sent unsigned).</summary>
    public async Task<WebhookOutcome?> SendAsync(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        if (secrets.Resolve(delivery.SecretRef) is not { } secret)
        {
            return null;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(delivery.Notification, Json);
        var settings = options.CurrentValue;
        var retry = new ResiliencePipelineBuilder<WebhookOutcome> { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions<WebhookOutcome>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { Delivered: false, Transient: true }),
                MaxRetryAttempts = Math.Max(1, settings.DeliveryRetries),
                Delay = settings.DeliveryRetryDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            })
            .Build();
        return await retry.ExecuteAsync(async token => await PostAsync(delivery, secret, body, settings.DeliveryTimeout, token), cancellationToken);
    }

    private async Task<WebhookOutcome> PostAsync(WebhookDelivery delivery, byte[] secret, byte[] body, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Each attempt is signed anew: its timestamp says when it was sent, not when the first one was.
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        request.Headers.Add(WebhookSignature.NotificationIdHeader, delivery.Notification.Id.ToString(CultureInfo.InvariantCulture));
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, attempt.Token);
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? new WebhookOutcome(true, false, status)
                : new WebhookOutcome(false, status is 408 or 429 or >= 500, status);
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookAddressRefusedException)
        {
            // An address the catalog may not reach stays one: not retried.
            return new WebhookOutcome(false, false, null);
        }
        catch (HttpRequestException)
        {
            return new WebhookOutcome(false, true, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookOutcome(false, true, null);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Connects to the first address of the host that may be reached (<see cref="WebhookAddresses"/>), never to another.</summary>
    private static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowPrivate, CancellationToken cancellationToken)
    {
        var endpoint = context.DnsEndPoint;
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellationToken);
        var allowed = addresses.Where(a => allowPrivate || WebhookAddresses.IsPublic(a)).ToArray();
        if (allowed.Length == 0)
        {
            throw new WebhookAddressRefusedException(endpoint.Host);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, endpoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
