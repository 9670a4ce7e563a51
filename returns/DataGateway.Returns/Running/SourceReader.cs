using System.Globalization;
using DataGateway.Filtering;
using DataGateway.Returns.Delivery;

namespace DataGateway.Returns.Running;

/// <summary>
/// Reads a dataset's source page by page (<c>?page=N&amp;size=S</c>, as the data API's callers page it) and runs each page
/// through the data API's filter, routing the rows to their districts.
/// </summary>
/// <remarks>
/// A page is read once: a failure that may pass (no connection, no answer in time, 5xx, the body cut off) is a
/// <see cref="TransientSourceException"/>, and the runner retries the whole round from the checkpoints (rows of a page
/// read in part are in no batch sent, so nothing is sent twice); anything else stops the job with its code.
/// </remarks>
internal sealed class SourceReader(HttpClient http, FieldMasker masker, ReturnWorkerSettings settings)
{
    private readonly ResponseFieldFilter _filter = new(new FilterOptions { ReadBufferBytes = 256 * 1024 });

    /// <summary>Reads one page into <paramref name="splitter"/>; the answer says how many elements it held and the source's total if told.</summary>
    /// <exception cref="TransientSourceException">The page could not be read now.</exception>
    /// <exception cref="ReturnStoppedException">The source answers in a way a retry will not change: the job fails with the code.</exception>
    public async Task<(FilterResult Result, long? Total)> ReadPageAsync(
        Uri source, int page, int size, FilterPlan plan, DistrictSplitter splitter, Guid jobId, CancellationToken cancellationToken)
    {
        var url = new Uri($"{source.AbsoluteUri}{(source.Query.Length > 0 ? "&" : "?")}page={page}&size={size}");
        splitter.BeginPage(page);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("X-DataGateway-Caller", "datagateway-returns");
        request.Headers.TryAddWithoutValidation("X-DataGateway-Caller-Kind", "return");
        request.Headers.TryAddWithoutValidation("X-Request-Id", jobId.ToString("N"));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(settings.SourceTimeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            var status = (int)response.StatusCode;
            if (status >= 500)
            {
                throw new TransientSourceException(ReturnCodes.UpstreamError, $"{url} answered HTTP {status}");
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
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TransientSourceException(ReturnCodes.UpstreamUnavailable, $"{url} gave no answer within {settings.SourceTimeout.TotalSeconds:0.#} s");
        }
        catch (HttpRequestException e)
        {
            throw new TransientSourceException(ReturnCodes.UpstreamUnavailable, $"{url}: {e.Message}");
        }
        catch (IOException e)
        {
            throw new TransientSourceException(ReturnCodes.UpstreamUnavailable, $"{url}: the answer broke off: {e.Message}");
        }
    }

    private static long? TotalOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-Total-Count", out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var total)
            ? total
            : null;
}

/// <summary>The job cannot go on: it fails with <see cref="Code"/> (a resume tries again).</summary>
internal sealed class ReturnStoppedException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}

/// <summary>The source could not be read just now; the round is tried again from the checkpoints.</summary>
internal sealed class TransientSourceException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
