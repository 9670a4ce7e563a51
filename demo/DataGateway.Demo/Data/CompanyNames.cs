namespace DataGateway.Demo.Data;

/// <summary>Plausible Shanghai company names: 上海 + a two-character trade name + a line of business + a legal form.</summary>
internal static class CompanyNames
{
    private static readonly string[] TradeNameCharacters =
    [
        "华", "鑫", "鼎", "盛", "锦", "程", "恒", "信", "瑞", "丰", "博", "雅", "通", "达", "宏", "远", "嘉", "禾", "泰", "安",
        "昌", "隆", "弘", "毅", "启", "明", "辰", "星", "海", "润", "德", "祥", "和", "美", "佳", "诚", "天", "元", "新", "源",
        "东", "方", "金", "力", "合", "众", "汇", "聚", "创", "兴", "旺", "顺", "申", "浦", "凯", "睿", "智", "悦", "光", "宸",
        "峰", "茂", "骏", "腾", "越", "科", "君", "益", "永", "沪",
    ];

    public static WeightedChoice<Industry> Industries { get; } = new(
        (new Industry("信息科技", "软件和信息技术服务业"), 14),
        (new Industry("贸易", "批发业"), 14),
        (new Industry("商贸", "零售业"), 8),
        (new Industry("餐饮管理", "餐饮业"), 7),
        (new Industry("建筑工程", "土木工程建筑业"), 6),
        (new Industry("物业管理", "房地产业"), 5),
        (new Industry("置业", "房地产业"), 3),
        (new Industry("生物医药科技", "医药制造业"), 4),
        (new Industry("物流", "道路运输业"), 6),
        (new Industry("文化传媒", "文化艺术业"), 5),
        (new Industry("企业管理咨询", "商务服务业"), 9),
        (new Industry("机械设备", "通用设备制造业"), 4),
        (new Industry("电子科技", "计算机、通信和其他电子设备制造业"), 5),
        (new Industry("教育科技", "教育"), 3),
        (new Industry("汽车服务", "机动车、电子产品和日用产品修理业"), 3),
        (new Industry("新材料科技", "化学原料和化学制品制造业"), 3),
        (new Industry("环保科技", "生态保护和环境治理业"), 2),
        (new Industry("实业", "商务服务业"), 4),
        (new Industry("服饰", "纺织服装、服饰业"), 2),
        (new Industry("食品", "食品制造业"), 2));

    private static readonly WeightedChoice<string> LegalForms = new(("有限公司", 86), ("股份有限公司", 6), ("有限责任公司", 8));

    public static string TradeName(SeededRandom random)
    {
        var first = random.Pick(TradeNameCharacters);
        string second;
        do
        {
            second = random.Pick(TradeNameCharacters);
        }
        while (second == first);

        return first + second;
    }

    public static string Create(SeededRandom random, Industry industry) =>
        "上海" + TradeName(random) + industry.NameWord + LegalForms.Pick(random);
}
