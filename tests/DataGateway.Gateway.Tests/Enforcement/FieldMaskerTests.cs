using DataGateway.Filtering;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DataGateway.Gateway.Enforcement;
using DataGateway.Policy.Model;

namespace DataGateway.Gateway.Tests.Enforcement;

public sealed class FieldMaskerTests
{
    private static readonly FieldMasker Masker = FilterHarness.Masker;

    [Theory]
    [InlineData("张三", 1, 0, "张*")]
    [InlineData("张三丰", 1, 1, "张*丰")]
    [InlineData("欧阳娜娜", 1, 0, "欧***")]
    [InlineData("13812345678", 3, 4, "138****5678")]
    [InlineData("310101199001011234", 6, 4, "310101********1234")]
    [InlineData("12345", 3, 4, "*****")]
    [InlineData("1234567", 3, 4, "*******")]
    [InlineData("张", 1, 0, "*")]
    [InlineData("abc", 0, 0, "***")]
    [InlineData("", 1, 1, "")]
    [InlineData("😀ab", 1, 0, "😀**")]
    [InlineData("ab😀", 0, 1, "**😀")]
    [InlineData("上海市黄浦区中山东一路", 3, 0, "上海市********")]
    public void Mask_Keep_KeepsRunesAtTheEndsAndStarsTheRest(string value, int first, int last, string expected)
    {
        var json = Masker.MaskToJson(new MaskRule(MaskKind.Keep, first, last), isNumber: false, value);

        Assert.Equal(expected, JsonSerializer.Deserialize<string>(json));
    }

    [Theory]
    [InlineData("\"x\n", 2, 0, "\"\\\"x*\"")]
    [InlineData("a\\b", 2, 0, "\"a\\\\*\"")]
    [InlineData("\u0001bc", 1, 0, "\"\\u0001**\"")]
    [InlineData("a\"张三丰\\\n", 2, 2, "\"a\\\"***\\\\\\u000a\"")]
    [InlineData("路\"号\t室", 3, 1, "\"路\\\"号*室\"")]
    [InlineData("\t路\"号", 1, 2, "\"\\u0009*\\\"号\"")]
    public void Mask_KeepOfTextNeedingEscapes_WritesValidJson(string value, int first, int last, string expectedJson)
    {
        var json = Masker.MaskToJson(new MaskRule(MaskKind.Keep, first, last), isNumber: false, value);

        Assert.Equal(expectedJson, json);
        Assert.Equal(JsonValueKind.String, JsonDocument.Parse(json).RootElement.ValueKind);
    }

    [Theory]
    [InlineData(new byte[] { 0xE4, 0xB8, (byte)'a', (byte)'b', (byte)'c' }, 1, 1, "\uFFFD**c")]
    [InlineData(new byte[] { (byte)'a', 0xFF, (byte)'b', 0xC0, 0x80 }, 2, 0, "a\uFFFD***")]
    [InlineData(new byte[] { (byte)'x', 0xED, 0xA0, 0x80 }, 0, 1, "***\uFFFD")]
    public void Mask_KeepOfInvalidUtf8_CountsEachBadSequenceAsOneReplacementCharacter(byte[] value, int first, int last, string expected)
    {
        var destination = new byte[FieldMasker.MaxMaskedLength(new MaskRule(MaskKind.Keep, first, last), value.Length)];

        var written = Masker.Mask(new MaskRule(MaskKind.Keep, first, last), isNumber: false, value, destination);

        // Valid UTF-8 out, whatever came in: the decoding fallback, not the byte-counting fast path.
        Assert.True(System.Text.Unicode.Utf8.IsValid(destination.AsSpan(0, written)));
        Assert.Equal(expected, JsonSerializer.Deserialize<string>(destination.AsSpan(0, written)));
    }

    [Fact]
    public void Mask_KeepOfNumber_WritesAString()
    {
        Assert.Equal("\"138****5678\"", Masker.MaskToJson(new MaskRule(MaskKind.Keep, 3, 4), isNumber: true, "13812345678"));
    }

    [Theory]
    [InlineData("310101199001011234")]
    [InlineData("张三")]
    [InlineData("")]
    public void Mask_Hash_IsLowercaseHexOfTruncatedHmacSha256(string value)
    {
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(FilterHarness.Key, Encoding.UTF8.GetBytes(value)))[..32];

        var json = Masker.MaskToJson(new MaskRule(MaskKind.Hash), isNumber: false, value);

        Assert.Equal($"\"{expected}\"", json);
    }

    [Fact]
    public void Mask_Hash_IsJoinableButDependsOnValueAndKey()
    {
        var hash = new MaskRule(MaskKind.Hash);
        var other = new FieldMasker([.. Enumerable.Repeat((byte)7, 32)]);

        var a = Masker.MaskToJson(hash, false, "310101199001011234");
        var again = Masker.MaskToJson(hash, false, "310101199001011234");
        var b = Masker.MaskToJson(hash, false, "310101199001011235");
        var otherKey = other.MaskToJson(hash, false, "310101199001011234");
        var afterOther = Masker.MaskToJson(hash, false, "310101199001011234");

        Assert.Equal(a, again);
        Assert.Equal(a, afterOther);
        Assert.NotEqual(a, b);
        Assert.NotEqual(a, otherKey);
    }

    [Theory]
    [InlineData("1998-05-01", false, "\"1998\"")]
    [InlineData("19980501", false, "\"1998\"")]
    [InlineData("1998", false, "\"1998\"")]
    [InlineData("199", false, "\"***\"")]
    [InlineData("May 1998", false, "\"***\"")]
    [InlineData("１９９８年", false, "\"***\"")]
    [InlineData("1998", true, "1998")]
    [InlineData("19980501", true, "19980501")]
    public void Mask_YearOnly_KeepsALeadingYearOnly(string value, bool isNumber, string expectedJson)
    {
        Assert.Equal(expectedJson, Masker.MaskToJson(new MaskRule(MaskKind.YearOnly), isNumber, value));
    }

    [Theory]
    [InlineData("张三", false)]
    [InlineData("12", true)]
    [InlineData("", false)]
    public void Mask_Redact_IsThreeStars(string value, bool isNumber)
    {
        Assert.Equal("\"***\"", Masker.MaskToJson(new MaskRule(MaskKind.Redact), isNumber, value));
    }

    [Fact]
    public void Constructor_ShortKey_Throws()
    {
        Assert.Throws<ArgumentException>(() => new FieldMasker(new byte[8]));
    }
}
