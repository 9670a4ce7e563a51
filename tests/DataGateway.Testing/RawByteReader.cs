using System.Text;

namespace DataGateway.Testing;

/// <summary>Reads a response off a socket byte by byte, so nothing past the response is consumed.</summary>
internal sealed class RawByteReader(Stream stream)
{
    private readonly byte[] _one = new byte[1];

    public async Task<string?> LineAsync()
    {
        var line = new List<byte>();
        while (await stream.ReadAsync(_one) == 1)
        {
            if (_one[0] == '\n')
            {
                return Encoding.UTF8.GetString(line.ToArray()).TrimEnd('\r');
            }

            line.Add(_one[0]);
        }

        return line.Count > 0 ? Encoding.UTF8.GetString(line.ToArray()) : null;
    }

    public async Task<byte[]> BytesAsync(int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer);
        return buffer;
    }
}
