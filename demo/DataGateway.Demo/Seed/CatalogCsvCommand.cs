using System.Globalization;
using System.Text;

namespace DataGateway.Demo.Seed;

/// <summary>
/// Writes a catalog spreadsheet of the seeds' size for the import benchmark: by default 7,896 municipal and 9,424
/// district datasets (17,320) of 20 fields each, deterministic, owned by the demo departments and served by
/// <c>svc-housing</c>. The format is the catalog's import format (Chinese headers, one row per field).
/// </summary>
internal static class CatalogCsvCommand
{
    private static readonly string[] Domains = ["finance", "transport", "medical", "housing", "planning", "governance"];
    private static readonly string[] Sharing = ["无条件共享", "有条件共享", "不予共享"];
    private static readonly string[] Subjects = ["企业", "房屋", "车辆", "人口", "医疗机构", "学校", "道路", "停车", "公交", "许可", "处罚", "信用", "税务", "社保"];

    public static int Run(string[] args)
    {
        var options = CommandLine.Parse(args, ["out", "municipal", "district", "fields"]);
        var municipal = int.Parse(options.GetValueOrDefault("municipal") ?? "7896", CultureInfo.InvariantCulture);
        var district = int.Parse(options.GetValueOrDefault("district") ?? "9424", CultureInfo.InvariantCulture);
        var fields = int.Parse(options.GetValueOrDefault("fields") ?? "20", CultureInfo.InvariantCulture);
        var path = options.GetValueOrDefault("out") ?? "catalog.csv";
        var districtCodes = Data.Districts.All.Select(d => d.Code).ToArray();

        using var writer = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), 1 << 20);
        writer.WriteLine("数据集编码,数据集名称,描述,数源部门,数据服务,服务路径,领域,共享属性,授权运营,区划字段,记录路径,查询单价,核验单价,部门分成比例,标准级别,字段名,字段标题,字段类型,分级,个人信息,脱敏规则,属地返还");
        var departments = City.DemoCity.Departments.Select(d => d.Id).ToArray();
        for (var i = 0; i < municipal + district; i++)
        {
            var isDistrict = i >= municipal;
            var code = isDistrict ? $"d{districtCodes[i % districtCodes.Length]}-{i:D5}" : $"m-{i:D5}";
            var subject = Subjects[i % Subjects.Length];
            var title = isDistrict ? $"{Data.Districts.All[i % districtCodes.Length].Name}{subject}信息（{i}）" : $"全市{subject}信息（{i}）";
            var dataset = string.Join(',',
                code, title, $"{title}的演示目录条目", departments[i % departments.Length], "svc-housing", "/" + code,
                Domains[i % Domains.Length], Sharing[i % Sharing.Length], i % 4 == 0 ? "是" : "否", "district_code", "",
                (i % 5 * 0.05m).ToString("0.00", CultureInfo.InvariantCulture), "0.00", "0.3", isDistrict ? "区级" : "市级");
            for (var f = 0; f < fields; f++)
            {
                var name = f == 0 ? "district_code" : $"field_{f:D2}";
                var level = f == 0 ? "L1" : $"L{1 + f % 4}";
                var personal = f % 7 == 3 ? "是" : "否";
                var mask = f % 7 == 3 ? "keep:1:0" : "none";
                writer.Write(dataset);
                writer.Write(',');
                writer.WriteLine(string.Join(',', name, f == 0 ? "行政区划代码" : $"字段{f}", "string", level, personal, mask, ""));
            }
        }

        Console.WriteLine($"{path}: {municipal + district} datasets × {fields} fields");
        return 0;
    }
}
