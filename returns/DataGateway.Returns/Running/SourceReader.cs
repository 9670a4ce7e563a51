using System.Globalization;
using DataGateway.Filtering;
using DataGateway.Returns.Delivery;
using Polly;
using Polly.Retry;

namespace DataGateway.Returns.Running;

/// <summary>
/// Reads a dataset's source page by page (<c>?page=N&amp;size=S</c>, as the data API's callers page it) and runs each page
/// through the data API's filter, routing the rows to their districts. Transient failures (a refused connection, a
/// timeout, 5xx) are retried a few times with backoff before the job stops with a code.
/// </summary>
internal sealed class SourceReader(HttpClient http, FieldMasker masker, ReturnWorkerSettings settings, TimeProvider time)
{
    private readonly ResponseFieldFilter _filter = new(new FilterOptions { ReadBufferBytes = 256 * 1024 });

    private readonly ResiliencePipeline _retry = new ResiliencePipelineBuilder { TimeProvider = time }
        .AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<HttpRequestException>().Handle<TimeoutException>().Handle<TransientUpstreamException>(),
            MaxRetryAttempts = settings.SourceRetries,
            Delay = settings.SourceRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
        })
        .Build();

    /// <summary>Reads one page into <paramref name="splitter"/>; the answer says how many elements it held and the source's total if told.</summary>
    /// <exception cref="ReturnStoppedException">The source cannot be read: the job fails with the exception's code.</exception>
    public async Task<(FilterResult Result, long? Total)> ReadPageAsync(
        Uri source, int page, int size, FilterPlan plan, DistrictSplitter splitter, Guid jobId, CancellationToken cancellationToken)
    {
        var url = new Uri($"{source.AbsoluteUri}{(source.Query.Length > 0 ? "&" : "?")}page={page}&size={size}");
        try
        {
            return await _retry.ExecuteAsync(
                async token =>
                {
                    splitter.BeginPage(page);
                    using var request = new HttpRequestMessage(HttpMethod.Get, url);
                    request.Headers.TryAddWithoutValidation("Accept", "application/json");
                    request.Headers.TryAddWithoutValidation("X-DataGateway-Caller", "datagateway-returns");
                    request.Headers.TryAddWithoutValidation("X-DataGateway-Caller-Kind", "return");
                    request.Headers.TryAddWithoutValidation("X-Request-Id", jobId.ToString());
                    using var deadline = CancellationTokenSource.CreateLinkedTokenSource(token);
                    deadline.CancelAfter(settings.SourceTimeout);
                    HttpResponseMessage response;
                    try
                    {
                        response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
                    }
                    catch (OperationCanceledException) when (!token.IsCancellationRequested)
                    {
                        throw new TimeoutException($"{url} gave no answer within {settings.SourceTimeout.TotalSeconds:0.#} s");
                    }

                    using (response)
                    {
                        var status = (int)response.StatusCode;
                        if (status >= 500)
                        {
                            throw new TransientUpstreamException($"{url} answered HTTP {status}");
                        }

                        if (status != 200)
                        {
                            throw new ReturnStoppedException(ReturnCodes.UpstreamError, $"{url} answered HTTP {status}");
                        }

                        await using var body = await response.Content.ReadAsStreamAsync(deadline.Token);
                        if (!UpstreamContentDecoding.TryDecode(body, response.Content.Headers.ContentEncoding, out var decoded, out var code))
                        {
                            throw new ReturnStoppedException(code!, $"{url}: content encoding {string.Join(", ", response.Content.Headers.ContentEncoding)}");
                        }

                        await using (decoded)
                        {
                            var result = await _filter.RouteAsync(decoded, plan, masker, splitter, deadline.Token);
                            if (!result.Succeeded)
                            {
                                throw new ReturnStoppedException(result.ErrorCode!, $"{url}: the page could not be filtered ({result.ErrorCode})");
                            }

                            return (result, TotalOf(response));
                        }
                    }
                },
                cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ReturnStoppedException(ReturnCodes.UpstreamUnavailable, $"{url}: {e.Message}");
        }
        catch (TimeoutException e)
        {
            throw new ReturnStoppedException(ReturnCodes.UpstreamUnavailable, e.Message);
        }
        catch (TransientUpstreamException e)
        {
            throw new ReturnStoppedException(ReturnCodes.UpstreamError, e.Message);
        }
    }

    private static long? TotalOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Total-Count", out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            ? total
            : null;

    private sealed class TransientUpstreamException(string message) : Exception(message);
}

/// <summary>The job cannot go on: it fails with <see cref="Code"/> (a resume tries again).</summary>
internal sealed class ReturnStoppedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
