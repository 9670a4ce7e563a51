using DataGateway.Filtering;
using System.IO.Compression;
using System.Text;
using DataGateway.Gateway.Enforcement;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Tests.Enforcement;

public sealed class UpstreamContentDecodingTests
{
    private static readonly byte[] Json = Encoding.UTF8.GetBytes("""[{"id":1,"name":"张三"}]""");

    [Theory]
    [InlineData(null)]
    [InlineData("identity")]
    [InlineData("gzip")]
    [InlineData("x-gzip")]
    [InlineData("GZIP")]
    [InlineData("deflate")]
    [InlineData("br")]
    [InlineData("gzip, br")]
    [InlineData("deflate,gzip")]
    public async Task TryDecode_SupportedCodings_YieldsPlainJson(string? contentEncoding)
    {
        var encoded = Encode(Json, contentEncoding);

        Assert.True(UpstreamContentDecoding.TryDecode(new MemoryStream(encoded), contentEncoding, out var decoded, out var error));
        var plain = new MemoryStream();
        await decoded.CopyToAsync(plain);

        Assert.Null(error);
        Assert.Equal(Json, plain.ToArray());
    }

    [Theory]
    [InlineData("compress")]
    [InlineData("zstd")]
    [InlineData("gzip, compress")]
    public void TryDecode_UnknownCoding_ReportsEncodingUnsupported(string contentEncoding)
    {
        Assert.False(UpstreamContentDecoding.TryDecode(new MemoryStream(Json), contentEncoding, out _, out var error));
        Assert.Equal(GatewayProblemCodes.UpstreamEncodingUnsupported, error);
    }

    [Fact]
    public void TryDecode_HeaderValuesInOrder_AppliesAllOfThem()
    {
        var encoded = Encode(Json, "gzip, br");

        Assert.True(UpstreamContentDecoding.TryDecode(new MemoryStream(encoded), ["gzip", "br"], out var decoded, out _));
        var plain = new MemoryStream();
        decoded.CopyTo(plain);

        Assert.Equal(Json, plain.ToArray());
    }

    /// <summary>Applies the codings in header order, as an upstream would.</summary>
    private static byte[] Encode(byte[] data, string? contentEncoding)
    {
        foreach (var coding in (contentEncoding ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var output = new MemoryStream();
            using (Stream encoder = coding.ToLowerInvariant() switch
            {
                "gzip" or "x-gzip" => new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true),
                "deflate" => new ZLibStream(output, CompressionLevel.Fastest, leaveOpen: true),
                "br" => new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true),
                _ => new MemoryStream(),
            })
            {
                if (coding == "identity")
                {
                    continue;
                }

                encoder.Write(data);
            }

            data = output.ToArray();
        }

        return data;
    }
}
