namespace DataGateway.Bench;

/// <summary>
/// A root array of housing records of a given length, produced as it is read from a small pool of records, so that
/// a gigabyte response can be filtered without ever being held in memory.
/// </summary>
internal sealed class HousingStream(byte[][] records, long length) : Stream
{
    private long _position;
    private int _next;
    private byte[] _pending = [(byte)'['];
    private int _pendingOffset;
    private bool _closed;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var written = 0;
        while (written < buffer.Length)
        {
            if (_pendingOffset == _pending.Length)
            {
                if (_closed)
                {
                    break;
                }

                if (_position + written >= length)
                {
                    _pending = [(byte)']'];
                    _closed = true;
                }
                else
                {
                    _pending = records[_next++ % records.Length];
                    if (_next > 1)
                    {
                        buffer[written++] = (byte)',';
                        _pendingOffset = 0;
                        continue;
                    }
                }

                _pendingOffset = 0;
            }

            var n = Math.Min(buffer.Length - written, _pending.Length - _pendingOffset);
            _pending.AsSpan(_pendingOffset, n).CopyTo(buffer[written..]);
            _pendingOffset += n;
            written += n;
        }

        _position += written;
        return written;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
