using System.CommandLine;
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

    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "写到这个文件。 Write to this file.",
            HelpName = "FILE",
            DefaultValueFactory = _ => "catalog.csv",
        };
        output.NotEmpty();
        var municipal = Count("--municipal", "市级数据集数。 Municipal datasets.", 7896, 0);
        var district = Count("--district", "区级数据集数。 District datasets.", 9424, 0);
        var fields = Count("--fields", "每个数据集的字段数。 Fields per dataset.", 20, 1);

        var command = new Command("catalog-csv", "写一份与种子规模相同的目录表格，供导入基准使用。 Write a seeds-sized catalog spreadsheet for the import benchmark.")
        {
            output,
            municipal,
            district,
            fields,
        };
        command.SetAction(result => Run(result.GetRequiredValue(output), result.GetValue(municipal), result.GetValue(district), result.GetValue(fields)));
        return command;
    }

    private static Option<int> Count(string name, string description, int defaultValue, int min)
    {
        var option = new Option<int>(name) { Description = description, HelpName = "N", DefaultValueFactory = _ => defaultValue };
        option.InRange(min, 1_000_000);
        return option;
    }

    private static int Run(string path, int municipal, int district, int fields)
    {
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
