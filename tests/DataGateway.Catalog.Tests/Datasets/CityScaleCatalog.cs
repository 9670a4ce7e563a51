using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using DataGateway.Testing;

namespace DataGateway.Catalog.Tests.Datasets;

/// <summary>
/// A catalog the size of the city's (7,896 municipal + 9,424 district entries = <see cref="Count"/>), imported in one
/// CSV as the data center would: two departments, each dataset one or two fields whose highest level follows its
/// number, so every filter's expected total can be counted here without asking the catalog.
/// </summary>
public sealed class CityScaleCatalog : CatalogProcess
{
    public const int Count = 17_320;

    private const string Header = "数据集编码,数据集名称,描述,数源部门,数据服务,服务路径,领域,共享属性,授权运营,区划字段,记录路径,查询单价,核验单价,部门分成比例,标准级别,字段名,字段标题,字段类型,分级,个人信息,脱敏规则,属地返还";

    public static string Code(int i) => $"city-{i:D5}";

    /// <summary>Every third dataset belongs to the health commission, the rest to housing.</summary>
    public static string Owner(int i) => i % 3 == 0 ? "dept-health" : "dept-housing";

    public static string Sharing(int i) => i % 2 == 0 ? "conditional" : "unconditional";

    /// <summary>The highest level of the dataset's fields: 1 to 4 in turn.</summary>
    public static int Level(int i) => i % 4 + 1;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await AdminPostAsync("/v1/organizations", new { id = "dept-housing", name = "市房屋管理局", kind = "department" });
        await AdminPostAsync("/v1/organizations", new { id = "dept-health", name = "市卫生健康委员会", kind = "department" });
        await AdminPostAsync("/v1/organizations", new { id = "district-310104", name = "徐汇区人民政府", kind = "district", districtCode = "310104" });
        await AdminPostAsync("/v1/services", new { id = "svc-housing", ownerId = "dept-housing", baseAddress = "http://127.0.0.1:9" });
        await AdminPostAsync("/v1/services", new { id = "svc-health", ownerId = "dept-health", baseAddress = "http://127.0.0.1:9" });

        var csv = new StringBuilder(Header).Append("\r\n");
        for (var i = 0; i < Count; i++)
        {
            var dataset = string.Create(CultureInfo.InvariantCulture,
                $"{Code(i)},目录{i},,{Owner(i)},{(Owner(i) == "dept-health" ? "svc-health" : "svc-housing")},/{Code(i)},finance,{(Sharing(i) == "conditional" ? "有条件共享" : "无条件共享")},否,,,0.00,0.00,0,市级");
            csv.Append(dataset).Append(",id,编号,string,L1,否,none,\r\n");
            if (Level(i) > 1)
            {
                csv.Append(dataset).Append(CultureInfo.InvariantCulture, $",detail,明细,string,L{Level(i)},否,none,\r\n");
            }
        }

        using var admin = Admin();
        // A whole city's import takes a while on a busy machine; the test's waits are on the answer, not on a clock.
        admin.Timeout = TimeSpan.FromMinutes(10);
        using var content = new StringContent(csv.ToString(), Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv") { CharSet = "utf-8" };
        var response = await admin.PostAsync("/v1/import/datasets", content);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
