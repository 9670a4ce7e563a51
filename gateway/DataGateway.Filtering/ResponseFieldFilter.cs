using System.Buffers;
using System.IO.Pipelines;

namespace DataGateway.Filtering;

/// <summary>
/// Rewrites an upstream JSON body into what the caller's decision allows: granted fields only, masked as the catalog
/// says, rows of the allowed districts only (and of the consent's subject only, under a consent), each marked when
/// under dispute. Streams: memory stays at about one record whatever the body's size.
/// </summary>
/// <remarks>
/// The caller decodes the body first (<see cref="UpstreamContentDecoding"/>). When the result is not
/// <see cref="FilterResult.Succeeded"/>, bytes may already have been sent: they are filtered, but the document is
/// incomplete, and the caller must abort the connection rather than end the response normally.
/// </remarks>
internal sealed class ResponseFieldFilter
{
    private readonly FilterOptions _options;

    public ResponseFieldFilter(FilterOptions? options = null)
    {
        _options = options ?? FilterOptions.Default;
        if (_options.MaxDepth < 1 || _options.MaxRecordBytes < 1 || _options.ReadBufferBytes < 1 || _options.WriteChunkBytes < 1)
        {
            throw new ArgumentException("Filter limits must be positive.", nameof(options));
        }
    }

    /// <summary>Filters <paramref name="upstream"/> (plain JSON) into <paramref name="output"/>.</summary>
    /// <exception cref="OperationCanceledException">The call was cancelled.</exception>
    /// <exception cref="IOException">Reading the upstream body or writing the output failed.</exception>
    public Task<FilterResult> FilterAsync(
        Stream upstream,
        Stream output,
        FilterPlan plan,
        FieldMasker masker,
        CancellationToken cancellationToken) =>
        FilterAsync(upstream, output, plan, masker, FilterCall.None, cancellationToken);

    /// <summary>Filters <paramref name="upstream"/> (plain JSON) into <paramref name="output"/> with the call's own values.</summary>
    public Task<FilterResult> FilterAsync(
        Stream upstream,
        Stream output,
        FilterPlan plan,
        FieldMasker masker,
        FilterCall call,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        return FilterAsync(upstream, new StreamOutput(output), plan, masker, router: null, call, cancellationToken);
    }

    /// <summary>
    /// Filters <paramref name="upstream"/> (plain JSON) and hands each returned record to <paramref name="router"/>
    /// with its district, instead of writing a document. The plan must name the districts (every other row is held).
    /// </summary>
    public Task<FilterResult> RouteAsync(
        Stream upstream,
        FilterPlan plan,
        FieldMasker masker,
        IRecordRouter router,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(router);
        return FilterAsync(upstream, default(DiscardOutput), plan, masker, router, FilterCall.None, cancellationToken);
    }

    /// <summary>
    /// Filters <paramref name="upstream"/> into a pipe (an ASP.NET Core response's <c>BodyWriter</c>). Chunks are
    /// flushed as they fill, except the last, which stays in the pipe: completing the response sends it together with
    /// the end of the body, in one segment, and only after the call's ledger record is durable.
    /// </summary>
    public Task<FilterResult> FilterAsync(
        Stream upstream,
        PipeWriter output,
        FilterPlan plan,
        FieldMasker masker,
        CancellationToken cancellationToken) =>
        FilterAsync(upstream, output, plan, masker, FilterCall.None, cancellationToken);

    /// <summary>Filters into a pipe (see above) with the call's own values: its consent subject, marks and key collector.</summary>
    /// <param name="bodyLength">The upstream body's length in bytes, when known (sizes the buffers).</param>
    public Task<FilterResult> FilterAsync(
        Stream upstream,
        PipeWriter output,
        FilterPlan plan,
        FieldMasker masker,
        FilterCall call,
        CancellationToken cancellationToken,
        long? bodyLength = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        return FilterAsync(upstream, new PipeOutput(output), plan, masker, router: null, call, cancellationToken, bodyLength);
    }

    private async Task<FilterResult> FilterAsync<TOutput>(
        Stream upstream,
        TOutput output,
        FilterPlan plan,
        FieldMasker masker,
        IRecordRouter? router,
        FilterCall call,
        CancellationToken cancellationToken,
        long? bodyLength = null)
        where TOutput : struct, IFilterOutput
    {
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(masker);
        ArgumentNullException.ThrowIfNull(call);

        using var session = new FilterSession(plan, masker, _options, router, call, bodyLength);
        long written = 0;
        try
        {
            while (true)
            {
                var read = await ReadUpstreamAsync(upstream, session.GetInputBuffer(), cancellationToken).ConfigureAwait(false);
                session.Advance(read);
                if (read > 0 && !session.ShouldProcess)
                {
                    continue;
                }

                session.Process(final: read == 0);
                var flushable = session.Flushable;
                if (flushable.Length >= _options.WriteChunkBytes || (read == 0 && flushable.Length > 0))
                {
                    await output.WriteAsync(flushable, last: read == 0, cancellationToken).ConfigureAwait(false);
                    session.Consume(flushable.Length);
                    written += flushable.Length;
                }

                if (read == 0)
                {
                    return new FilterResult(null, session.RecordsSeen, session.RecordsReturned, written);
                }
            }
        }
        catch (FilterException e)
        {
            return new FilterResult(e.Code, session.RecordsSeen, session.RecordsReturned, written);
        }
    }

    private static async ValueTask<int> ReadUpstreamAsync(Stream upstream, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await upstream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            // A corrupt gzip, deflate or brotli stream is a malformed body.
            throw new FilterException(FilterErrorCodes.UpstreamMalformed);
        }
    }

    private interface IFilterOutput
    {
        ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, bool last, CancellationToken cancellationToken);
    }

    private readonly struct StreamOutput(Stream stream) : IFilterOutput
    {
        public ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, bool last, CancellationToken cancellationToken) =>
            stream.WriteAsync(chunk, cancellationToken);
    }

    /// <summary>A routed run's document holds no records; it is not written anywhere.</summary>
    private readonly struct DiscardOutput : IFilterOutput
    {
        public ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, bool last, CancellationToken cancellationToken) => ValueTask.CompletedTask;
    }

    private readonly struct PipeOutput(PipeWriter pipe) : IFilterOutput
    {
        public async ValueTask WriteAsync(ReadOnlyMemory<byte> chunk, bool last, CancellationToken cancellationToken)
        {
            if (last)
            {
                // Not flushed: a separate send of the last chunk and then of the body's end would cost a second
                // segment (and a second wake-up of the caller) per call.
                pipe.Write(chunk.Span);
                return;
            }

            var flushed = await pipe.WriteAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (flushed.IsCanceled)
            {
                throw new OperationCanceledException(cancellationToken);
            }
        }
    }
}
