using System.Net;
using System.Net.Http.Headers;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace DataGateway.Policy.Opa;

/// <summary>
/// Asks an OPA server's Data API (<c>POST /v1/data/{path}?provenance</c> with <c>{"input": …}</c>) about a call the
/// built-in engine allowed. Fails closed: every way of not getting a readable answer is a deny with its own code.
/// </summary>
/// <remarks>
/// One Polly pipeline: an overall timeout (<see cref="OpaOptions.Timeout"/>, the whole budget) around a bounded retry
/// of what another attempt may cure (a refused or reset connection, 502/503/504 from a restarting sidecar). A slow
/// answer is not retried: its budget is spent. Answers are cached by input for <see cref="OpaOptions.CacheTtl"/>.
/// </remarks>
public sealed class OpaClient : IExternalPolicy, IDisposable
{
    /// <summary>The largest answer read; a policy that answers more is misconfigured (malformed).</summary>
    public const int MaxAnswerBytes = 1024 * 1024;

    private static readonly MediaTypeHeaderValue Json = new("application/json");
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly ResiliencePipeline _pipeline;
    private readonly OpaDecisionCache _cache;

    public OpaClient(OpaOptions options, TimeProvider time, HttpMessageHandler? handler = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Url is null)
        {
            throw new ArgumentException("OPA has no Url.", nameof(options));
        }

        _http = new HttpClient(handler ?? new SocketsHttpHandler
        {
            ConnectTimeout = options.Timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AllowAutoRedirect = false,
            UseProxy = false,
        })
        {
            // The pipeline's timeout governs; HttpClient's own would only race it.
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        _endpoint = new Uri(options.Url, options.Url.AbsolutePath.TrimEnd('/') + "/v1/data/" + options.Path + "?provenance");
        _cache = new OpaDecisionCache(options, time);
        _pipeline = BuildPipeline(options);
    }

    private static ResiliencePipeline BuildPipeline(OpaOptions options)
    {
        var builder = new ResiliencePipelineBuilder().AddTimeout(options.Timeout);
        if (options.MaxRetries > 0)
        {
            // Polly's retry takes at least one retry; without retries the pipeline is the timeout alone.
            builder.AddRetry(new RetryStrategyOptions
            {
                Name = "opa",
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is HttpRequestException or OpaFailure { Retryable: true }),
                BackoffType = DelayBackoffType.Exponential,
                Delay = options.RetryDelay,
                MaxRetryAttempts = options.MaxRetries,
            });
        }

        return builder.Build();
    }

    /// <summary>Answers served from the cache so far.</summary>
    public long CacheHits => _cache.Hits;

    public async ValueTask<ExternalDecision> DecideAsync(CatalogSnapshot snapshot, AccessRequest request, Decision builtIn, string? clientAddress, CancellationToken cancellationToken)
    {
        if (!builtIn.Allowed)
        {
            return new ExternalDecision(builtIn, null, false);
        }

        var input = OpaInput.Write(snapshot, request, builtIn, clientAddress);
        if (_cache.TryGet(input, out var cached, out var cachedMemo))
        {
            return new ExternalDecision(OpaNarrowing.Apply(builtIn, request, cached, cachedMemo), cached, true);
        }

        OpaVerdict verdict;
        try
        {
            verdict = await AskAsync(input, cancellationToken);
        }
        catch (OpaFailure failure)
        {
            return new ExternalDecision(Decision.Deny(failure.ReasonCode, failure.Message, builtIn.Dataset), null, false);
        }

        var memo = _cache.Set(input, verdict);
        return new ExternalDecision(OpaNarrowing.Apply(builtIn, request, verdict, memo), verdict, false);
    }

    /// <summary>One question, with the pipeline's retries and timeout; every failure as an <see cref="OpaFailure"/>.</summary>
    private async Task<OpaVerdict> AskAsync(byte[] input, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(
                static async (state, token) => await state.Self.AskOnceAsync(state.Input, token),
                (Self: this, Input: input),
                cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            throw new OpaFailure(ReasonCodes.ExternalPolicyTimeout, "OPA did not answer in time.");
        }
        catch (HttpRequestException ex)
        {
            throw new OpaFailure(ReasonCodes.ExternalPolicyUnreachable, $"OPA could not be reached ({ex.HttpRequestError}).");
        }
        catch (IOException)
        {
            // The connection broke while the answer was read.
            throw new OpaFailure(ReasonCodes.ExternalPolicyUnreachable, "OPA's connection broke during the answer.");
        }
    }

    private async ValueTask<OpaVerdict> AskOnceAsync(byte[] input, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(input);
        content.Headers.ContentType = Json;
        using var response = await _http.PostAsync(_endpoint, content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var status = (int)response.StatusCode;
            throw new OpaFailure(ReasonCodes.ExternalPolicyStatus, $"OPA answered {status}.", retryable: status is 502 or 503 or 504);
        }

        return OpaAnswerReader.Read(await ReadBoundedAsync(response.Content, cancellationToken));
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        if (content.Headers.ContentLength > MaxAnswerBytes)
        {
            throw new OpaFailure(ReasonCodes.ExternalPolicyMalformed, "OPA's answer is malformed: it is too large.");
        }

        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxAnswerBytes)
            {
                throw new OpaFailure(ReasonCodes.ExternalPolicyMalformed, "OPA's answer is malformed: it is too large.");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    public void Dispose() => _http.Dispose();
}
