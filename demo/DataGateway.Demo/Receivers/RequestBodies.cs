using System.Buffers;

namespace DataGateway.Demo.Receivers;

/// <summary>Reads a request body whole into a pooled buffer (Kestrel enforces the size limit while it is read).</summary>
internal static class RequestBodies
{
    private const int ChunkedStart = 64 * 1024;

    /// <summary>The body in a rented buffer; the caller returns it to <see cref="ArrayPool{T}.Shared"/>.</summary>
    public static async Task<(byte[] Buffer, int Length)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        // One buffer of the announced size when there is a Content-Length; doubling from 64 KiB when chunked.
        var buffer = ArrayPool<byte>.Shared.Rent(request.ContentLength is { } announced ? (int)Math.Max(1, announced) : ChunkedStart);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }

                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken);
                if (read == 0)
                {
                    return (buffer, length);
                }

                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }
}
