using DataGateway.Common.Text;
using Microsoft.AspNetCore.Http;

namespace DataGateway.Common.Tests.Text;

public sealed class MessageLanguageTests
{
    [Theory]
    [InlineData(null, "zh-CN")]
    [InlineData("", "zh-CN")]
    [InlineData("en", "en")]
    [InlineData("EN", "en")]
    [InlineData("en-US", "en")]
    [InlineData("en-GB,en;q=0.9", "en")]
    [InlineData("fr-FR,en;q=0.5", "en")]
    [InlineData("zh-CN", "zh-CN")]
    [InlineData("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN")]
    [InlineData("en;q=0.5,zh;q=0.9", "zh-CN")]
    [InlineData("en;q=0.9,zh-TW;q=0.9", "zh-CN")]
    [InlineData("en;q=0", "zh-CN")]
    [InlineData("en;q=0.8,*;q=0.9", "zh-CN")]
    [InlineData("fr", "zh-CN")]
    [InlineData("english", "zh-CN")]
    [InlineData("eng", "zh-CN")]
    [InlineData("en;q=abc", "zh-CN")]
    [InlineData(";;;,,,", "zh-CN")]
    public void Choose_AcceptLanguage_EnglishOnlyWhenRankedAboveChinese(string? header, string expected)
    {
        var context = new DefaultHttpContext();
        if (header is not null)
        {
            context.Request.Headers.AcceptLanguage = header;
        }

        Assert.Equal(expected, MessageLanguage.Choose(context.Request));
    }
}
