using System.Net;
using System.Net.Http.Json;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Problems;

/// <summary>Issue 12, point 12: a dataset's validation messages, in Chinese by default and English for <c>Accept-Language: en</c>.</summary>
public sealed class DatasetValidationLanguageTests(SeededCatalog catalog) : IClassFixture<SeededCatalog>
{
    [Theory]
    [InlineData(null, "须为分级 L1、L2、L3、L4 之一。", "须为 string、number、integer、boolean、date、datetime、object、array 之一。",
        "须为脱敏规则 none、keep:M:N、hash、redact 或 year 之一。", "“nowhere”不是该数据资源的字段。", "以元为单位，精确到分：最多两位小数。")]
    [InlineData("en", "must be one of L1, L2, L3, L4.", "must be one of string, number, integer, boolean, date, datetime, object, array.",
        "must be none, keep:M:N, hash, redact or year.", "'nowhere' is not one of the dataset's fields.", "is in yuan to the fen: at most two decimals.")]
    public async Task Dataset_Invalid_NamesEveryFieldInTheCallersLanguage(
        string? acceptLanguage, string level, string type, string mask, string districtField, string price)
    {
        using var admin = catalog.Admin();
        using var request = new HttpRequestMessage(HttpMethod.Put, "/v1/datasets/lang-invalid")
        {
            Content = JsonContent.Create(new
            {
                code = "lang-invalid",
                title = "校验语言",
                ownerId = "dept-housing",
                serviceId = "svc-housing",
                path = "/lang-invalid",
                domain = "finance",
                sharing = "conditional",
                districtField = "nowhere",
                queryPrice = 0.105m,
                fields = new object[] { new { name = "id", title = "编号", type = "text", level = "L5", mask = "blur" } },
            }),
        };
        if (acceptLanguage is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Language", acceptLanguage);
        }

        var problem = await (await admin.SendAsync(request)).AssertProblemAsync(HttpStatusCode.BadRequest, "validation_failed");

        var errors = problem.GetProperty("errors");
        string First(string field) => errors.GetProperty(field)[0].GetString()!;
        Assert.Equal(
            (level, type, mask, districtField, price),
            (First("fields[0].level"), First("fields[0].type"), First("fields[0].mask"), First("districtField"), First("queryPrice")));
    }
}
