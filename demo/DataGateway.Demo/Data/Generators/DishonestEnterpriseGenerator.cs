using DataGateway.Demo.City;

namespace DataGateway.Demo.Data.Generators;

/// <summary>
/// 失信企业名单 of the public credit information centre. Row <c>j</c> is enterprise <c>4j + r</c> (r in 0–3) of
/// the shared register, so about a quarter of the list also appears in <c>enterprises</c> at the same volume.
/// </summary>
internal sealed class DishonestEnterpriseGenerator : IDatasetGenerator
{
    /// <summary>Why an enterprise was listed and which authority listed it (<c>{0}</c> is the district's name).</summary>
    private sealed record Listing(string Reason, string Authority);

    private static readonly WeightedChoice<Listing> Listings = new(
        (new Listing("被列为失信被执行人（有履行能力而拒不履行生效法律文书确定义务）", "上海市{0}人民法院"), 30),
        (new Listing("重大税收违法失信主体（逃避缴纳税款）", "国家税务总局上海市{0}税务局"), 12),
        (new Listing("重大税收违法失信主体（虚开增值税专用发票）", "国家税务总局上海市{0}税务局"), 6),
        (new Listing("拖欠农民工工资失信联合惩戒对象", "上海市{0}人力资源和社会保障局"), 10),
        (new Listing("严重违法失信企业（提交虚假材料取得公司登记）", "上海市{0}市场监督管理局"), 6),
        (new Listing("被列入经营异常名录届满3年仍未履行相关义务", "上海市{0}市场监督管理局"), 14),
        (new Listing("食品安全严重违法生产经营者", "上海市{0}市场监督管理局"), 3),
        (new Listing("安全生产严重失信主体（发生较大生产安全责任事故）", "上海市{0}应急管理局"), 4),
        (new Listing("环境保护领域严重失信（超标排放污染物拒不改正）", "上海市{0}生态环境局"), 4),
        (new Listing("社会保险领域严重失信（骗取社会保险基金）", "上海市人力资源和社会保障局"), 3),
        (new Listing("政府采购严重违法失信行为（提供虚假材料谋取中标）", "上海市财政局"), 3),
        (new Listing("统计严重失信企业（统计造假、弄虚作假）", "上海市统计局"), 2),
        (new Listing("海关失信企业（走私违规）", "中华人民共和国上海海关"), 3));

    public IReadOnlyList<Record> Generate(DatasetDefinition dataset, GenerationContext context)
    {
        var random = context.RandomFor(dataset.Code);
        var writer = new RecordWriter(dataset);
        var records = new Record[context.Rows];
        var latest = new DateOnly(2022, 10, 20);
        for (var row = 0; row < context.Rows; row++)
        {
            var enterprise = context.Enterprises.Get((4 * row) + random.Next(4));
            var listing = Listings.Pick(random);
            var earliest = enterprise.EstablishedOn.AddDays(180);
            if (earliest < new DateOnly(2016, 1, 1))
            {
                earliest = new DateOnly(2016, 1, 1);
            }

            var listedOn = random.NextDate(earliest < latest ? earliest : latest, latest);
            records[row] = writer.Begin()
                .String("credit_code", enterprise.CreditCode)
                .String("name", enterprise.Name)
                .String("district_code", enterprise.District.Code)
                .String("reason", listing.Reason)
                .String("listed_on", DemoClock.Date(listedOn))
                .String("authority", listing.Authority.Replace("{0}", enterprise.District.Name, StringComparison.Ordinal))
                .Complete();
        }

        return records;
    }
}
