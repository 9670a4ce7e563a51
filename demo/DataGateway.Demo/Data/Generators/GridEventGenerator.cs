using DataGateway.Demo.City;

namespace DataGateway.Demo.Data.Generators;

/// <summary>
/// 网格事件 of the city's grid management: <c>rows</c> events in total over the 16 districts (each district's
/// instance serves its own share), reported in the year up to <see cref="DemoClock.Now"/>.
/// </summary>
internal sealed class GridEventGenerator : IDatasetGenerator
{
    /// <summary>An event category and how a report of it reads.</summary>
    private sealed record Category(string Name, Func<SeededRandom, District, string> Describe);

    private static readonly WeightedChoice<Category> Categories = new(
        (new Category("市容环境", (r, d) => $"{r.Pick(d.Roads)}{r.Next(1, 1800)}号门前人行道堆放建筑垃圾"), 14),
        (new Category("占道经营", (r, d) => $"{r.Pick(d.Roads)}{r.Next(1, 1800)}号附近流动摊贩占道经营"), 12),
        (new Category("违法搭建", (r, _) => $"{HousingEstates.Create(r)}{r.Next(1, 40)}号楼顶层疑似违法搭建"), 7),
        (new Category("噪声扰民", (r, d) => $"{r.Pick(d.Roads)}沿线工地夜间施工噪声扰民"), 8),
        (new Category("垃圾分类", (r, _) => $"{HousingEstates.Create(r)}垃圾箱房干湿垃圾混投"), 10),
        (new Category("非机动车乱停放", (r, d) => $"{r.Pick(d.Roads)}地铁站出入口共享单车乱停放"), 11),
        (new Category("消防安全", (r, _) => $"{HousingEstates.Create(r)}{r.Next(1, 40)}号楼道内电动自行车充电"), 8),
        (new Category("设施损坏", (r, d) => $"{r.Pick(d.Roads)}{r.Next(1, 1800)}号附近人行道井盖缺失"), 7),
        (new Category("群租整治", (r, _) => $"{HousingEstates.Create(r)}{r.Next(1, 40)}号{r.Next(1, 20)}{r.Next(1, 6):D2}室疑似群租"), 5),
        (new Category("油烟污染", (r, d) => $"{r.Pick(d.Roads)}{r.Next(1, 1800)}号餐饮店油烟直排"), 6),
        (new Category("绿化养护", (r, d) => $"{r.Pick(d.Roads)}行道树枝叶遮挡交通信号灯"), 6),
        (new Category("违规张贴", (r, d) => $"{r.Pick(d.Roads)}沿线电线杆张贴小广告"), 6));

    private static readonly WeightedChoice<string> Sources = new(("网格员巡查", 45), ("12345市民服务热线", 25), ("随申办市民上报", 20), ("智能感知设备", 10));
    private static readonly WeightedChoice<string> NewStatuses = new(("待受理", 40), ("已派遣", 30), ("处置中", 30));
    private static readonly WeightedChoice<string> RecentStatuses = new(("处置中", 30), ("已办结", 60), ("已关闭", 10));
    private static readonly WeightedChoice<string> OldStatuses = new(("已办结", 85), ("已关闭", 15));

    private static readonly string[] MobilePrefixes =
    [
        "130", "131", "132", "133", "135", "136", "137", "138", "139", "150", "151", "152", "153", "155", "156",
        "157", "158", "159", "176", "177", "180", "181", "182", "183", "185", "186", "187", "188", "189", "199",
    ];

    public IReadOnlyList<Record> Generate(DatasetDefinition dataset, GenerationContext context)
    {
        var random = context.RandomFor(dataset.Code);
        var writer = new RecordWriter(dataset);
        var records = new Record[context.Rows];
        var first = DemoClock.Now.AddYears(-1);
        var span = (int)(DemoClock.Now - first).TotalSeconds;
        for (var row = 0; row < context.Rows; row++)
        {
            var district = Districts.ForRow(random, row);
            var category = Categories.Pick(random);
            var reportedAt = first.AddSeconds(random.Next(span));
            var age = DemoClock.Now - reportedAt;
            var status = (age.TotalDays < 3 ? NewStatuses : age.TotalDays < 30 ? RecentStatuses : OldStatuses).Pick(random);
            records[row] = writer.Begin()
                .String("event_id", $"WG{district.Code}{reportedAt:yyyyMMdd}{row + 1:D6}")
                .String("district_code", district.Code)
                .String("street", random.Pick(district.Streets))
                .String("category", category.Name)
                .String("reported_at", DemoClock.Timestamp(reportedAt))
                .String("status", status)
                .String("source", Sources.Pick(random))
                .String("description", category.Describe(random, district))
                .String("reporter_phone", $"{random.Pick(MobilePrefixes)}{random.Next(0, 99_999_999):D8}")
                .Complete();
        }

        return records;
    }
}
