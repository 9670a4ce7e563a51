using DataGateway.Demo.City;

namespace DataGateway.Demo.Data.Generators;

/// <summary>建设用地规划许可证 issued by the planning and natural resources bureau.</summary>
internal sealed class LandPermitGenerator : IDatasetGenerator
{
    /// <summary>Land use, the project it is for, the kind of applicant, and the plot's area range in m².</summary>
    private sealed record Use(string LandUse, string Project, string Applicant, int MinArea, int MaxArea);

    private static readonly WeightedChoice<Use> Uses = new(
        (new Use("住宅用地", "商品住宅项目", "置业有限公司", 8_000, 120_000), 24),
        (new Use("租赁住房用地", "保障性租赁住房项目", "城投", 5_000, 50_000), 10),
        (new Use("商业用地", "商业综合体项目", "商业管理有限公司", 3_000, 60_000), 10),
        (new Use("商务办公用地", "商务办公楼项目", "实业发展有限公司", 3_000, 40_000), 10),
        (new Use("工业用地", "智能制造产业基地项目", "科技有限公司", 10_000, 150_000), 16),
        (new Use("科研设计用地", "研发总部项目", "科技发展有限公司", 5_000, 60_000), 8),
        (new Use("教育用地", "中小学新建工程", "教育局", 8_000, 40_000), 7),
        (new Use("医疗卫生用地", "社区卫生服务中心新建工程", "卫生健康委员会", 3_000, 15_000), 5),
        (new Use("公共绿地", "公共绿地建设工程", "绿化和市容管理局", 2_000, 80_000), 6),
        (new Use("交通运输用地", "公交枢纽新建工程", "建设和管理委员会", 2_000, 20_000), 4));

    public IReadOnlyList<Record> Generate(DatasetDefinition dataset, GenerationContext context)
    {
        var random = context.RandomFor(dataset.Code);
        var writer = new RecordWriter(dataset);
        var records = new Record[context.Rows];
        for (var row = 0; row < context.Rows; row++)
        {
            var district = Districts.ForRow(random, row);
            var use = Uses.Pick(random);
            var street = random.Pick(district.Streets);
            var issuedOn = random.NextDate(new DateOnly(2018, 1, 1), new DateOnly(2022, 10, 20));
            var project = $"{district.Name}{District.StreetStem(street)}{random.Next(1, 400)}街坊{random.Next(1, 30)}/{random.Next(1, 6)}丘地块{use.Project}";
            var east = random.Pick(district.Roads);
            var north = random.Pick(district.Roads);
            var site = east == north
                ? $"{district.Name}{street}{east}{random.Next(1, 1800)}号"
                : $"{district.Name}{street}，{east}以东、{north}以北";
            records[row] = writer.Begin()
                .String("permit_no", $"EA{district.Code}{issuedOn.Year}{row + 1:D5}")
                .String("project_name", project)
                .String("applicant", Applicant(random, district, use))
                .String("district_code", district.Code)
                .Number("land_area_m2", random.NextAmount(use.MinArea, use.MaxArea))
                .String("issued_on", DemoClock.Date(issuedOn))
                .String("land_use", use.LandUse)
                .String("site", site)
                .Complete();
        }

        return records;
    }

    private static string Applicant(SeededRandom random, District district, Use use) => use.Applicant switch
    {
        "城投" => $"上海{district.ShortName}城市建设投资发展有限公司",
        var office when office.EndsWith("局", StringComparison.Ordinal) || office.EndsWith("委员会", StringComparison.Ordinal) =>
            $"上海市{district.Name}{office}",
        var company => $"上海{CompanyNames.TradeName(random)}{company}",
    };
}
