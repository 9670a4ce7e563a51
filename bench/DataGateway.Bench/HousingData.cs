using DataGateway.Filtering;
using System.Text;
using DataGateway.Gateway.Enforcement;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;

namespace DataGateway.Bench;

/// <summary>
/// Records shaped like the <c>housing</c> dataset (about 250 bytes, Chinese text, 16 districts) and the plans the
/// benchmarks filter them with. Seeded, so every run filters the same bytes.
/// </summary>
internal static class HousingData
{
    public static readonly string[] Districts =
    [
        "310101", "310104", "310105", "310106", "310107", "310109", "310110", "310112",
        "310113", "310114", "310115", "310116", "310117", "310118", "310120", "310151",
    ];

    private static readonly string[] Surnames = ["张", "王", "李", "赵", "陈", "刘", "杨", "黄", "周", "吴", "欧阳", "徐"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰"];
    private static readonly string[] DistrictNames =
    [
        "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区",
        "宝山区", "嘉定区", "浦东新区", "金山区", "松江区", "青浦区", "奉贤区", "崇明区",
    ];

    private static readonly string[] Streets = ["中山东一路", "南京西路", "淮海中路", "四川北路", "世纪大道", "漕溪北路", "长寿路", "江场三路"];
    private static readonly string[] Usages = ["住宅", "商业", "办公", "工业", "商住两用"];

    public static readonly byte[] HashKey = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 7))];

    /// <summary>The plan of the target: 5 of 9 fields, one masked, rows of 1 district of 16 (or of all).</summary>
    public static FilterPlan Plan(bool districtRule, string ownerMask = "keep:1:0", string? subjectField = null, string? recordKeyField = null, string? addressMask = null)
    {
        MaskRule.TryParse(ownerMask, out var mask);
        var address = MaskRule.None;
        if (addressMask is not null)
        {
            MaskRule.TryParse(addressMask, out address);
        }

        FieldDecision[] fields =
        [
            new("id", MaskRule.None),
            new("address", address),
            new("district_code", MaskRule.None),
            new("owner_name", mask),
            new("area_m2", MaskRule.None),
        ];
        return FilterPlan.Create(
            "", fields, "district_code", districtRule ? new HashSet<string> { "310104" } : null, subjectField: subjectField, recordKeyField: recordKeyField);
    }

    /// <summary>Records, each a complete JSON object in UTF-8.</summary>
    public static byte[][] Records(int count, int seed = 42)
    {
        var random = new Random(seed);
        var records = new byte[count][];
        var text = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var district = random.Next(Districts.Length);
            text.Clear()
                .Append("{\"id\":").Append(1_000_000 + i)
                .Append(",\"address\":\"上海市").Append(DistrictNames[district]).Append(Streets[random.Next(Streets.Length)])
                .Append(random.Next(1, 2000)).Append("弄").Append(random.Next(1, 100)).Append("号").Append(random.Next(101, 2400)).Append("室\"")
                .Append(",\"district_code\":\"").Append(Districts[district]).Append('"')
                .Append(",\"owner_name\":\"").Append(Surnames[random.Next(Surnames.Length)]).Append(GivenNames[random.Next(GivenNames.Length)]).Append('"')
                .Append(",\"owner_id_number\":\"").Append(Districts[district]).Append(random.Next(1940, 2005))
                .Append(random.Next(1, 13).ToString("00", System.Globalization.CultureInfo.InvariantCulture))
                .Append(random.Next(1, 29).ToString("00", System.Globalization.CultureInfo.InvariantCulture))
                .Append(random.Next(0, 10000).ToString("0000", System.Globalization.CultureInfo.InvariantCulture)).Append('"')
                .Append(",\"area_m2\":").Append(random.Next(2000, 30000) / 100.0)
                .Append(",\"usage\":\"").Append(Usages[random.Next(Usages.Length)]).Append('"')
                .Append(",\"built_year\":").Append(random.Next(1950, 2024))
                .Append(",\"location\":{\"lng\":").Append((121.0 + (random.NextDouble() * 0.9)).ToString("F6", System.Globalization.CultureInfo.InvariantCulture))
                .Append(",\"lat\":").Append((30.7 + (random.NextDouble() * 0.9)).ToString("F6", System.Globalization.CultureInfo.InvariantCulture))
                .Append("}}");
            records[i] = Encoding.UTF8.GetBytes(text.ToString());
        }

        return records;
    }

    /// <summary>A root array of records of about <paramref name="bytes"/> bytes, cycling through <paramref name="records"/>.</summary>
    public static byte[] Body(byte[][] records, long bytes)
    {
        var body = new MemoryStream();
        body.WriteByte((byte)'[');
        for (var i = 0; body.Length < bytes; i++)
        {
            if (i > 0)
            {
                body.WriteByte((byte)',');
            }

            body.Write(records[i % records.Length]);
        }

        body.WriteByte((byte)']');
        return body.ToArray();
    }
}
