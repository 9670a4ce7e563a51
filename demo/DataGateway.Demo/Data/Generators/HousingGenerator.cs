using DataGateway.Demo.City;

namespace DataGateway.Demo.Data.Generators;

/// <summary>房屋信息 of the housing authority: one registered property per row, with its owner and a location.</summary>
internal sealed class HousingGenerator : IDatasetGenerator
{
    private static readonly WeightedChoice<string> Usages = new(("住宅", 76), ("商业", 9), ("办公", 8), ("工业", 4), ("综合", 3));

    public IReadOnlyList<Record> Generate(DatasetDefinition dataset, GenerationContext context)
    {
        var random = context.RandomFor(dataset.Code);
        var writer = new RecordWriter(dataset);
        var records = new Record[context.Rows];
        for (var row = 0; row < context.Rows; row++)
        {
            var district = Districts.ForRow(random, row);
            var usage = Usages.Pick(random);
            var builtYear = district.Inner && random.Chance(0.35) ? random.Next(1925, 1990) : random.Next(1985, 2021);
            var ownerDistrict = random.Chance(0.7) ? district : Districts.Pick(random);
            var owner = Person.Create(random, ownerDistrict, new DateOnly(1935, 1, 1), new DateOnly(2000, 12, 31));
            var (lng, lat) = district.RandomPoint(random);
            var registeredOn = random.NextDate(new DateOnly(Math.Max(builtYear, 1993), 1, 1), new DateOnly(2022, 9, 30));
            records[row] = writer.Begin()
                .String("id", $"FW{district.Code}{row + 1:D8}")
                .String("address", Address(random, district, usage, builtYear))
                .String("district_code", district.Code)
                .String("owner_name", owner.Name)
                .String("owner_id_number", owner.IdNumber)
                .Number("area_m2", Area(random, usage))
                .String("usage", usage)
                .Number("built_year", builtYear)
                .String("registered_on", DemoClock.Date(registeredOn))
                .StartObject("location")
                .Number("lng", lng)
                .Number("lat", lat)
                .EndObject()
                .Complete();
        }

        return records;
    }

    private static string Address(SeededRandom random, District district, string usage, int builtYear)
    {
        var road = random.Pick(district.Roads);
        var number = random.Next(1, 1800);
        return usage switch
        {
            "住宅" => $"上海市{district.Name}{road}{number}弄{random.Next(1, 40)}号{random.Next(1, builtYear < 1995 ? 6 : 32)}{random.Next(1, 6):D2}室",
            "办公" => $"上海市{district.Name}{road}{number}号{random.Next(2, 40)}层",
            "商业" => $"上海市{district.Name}{road}{number}号{random.Next(1, 4)}层{random.Next(1, 60):D2}室",
            "工业" => $"上海市{district.Name}{road}{number}号{random.Next(1, 12)}幢",
            _ => $"上海市{district.Name}{road}{number}号",
        };
    }

    private static double Area(SeededRandom random, string usage) => usage switch
    {
        "住宅" => random.NextAmount(28, 180),
        "商业" => random.NextAmount(30, 2500),
        "办公" => random.NextAmount(60, 3000),
        "工业" => random.NextAmount(300, 20000),
        _ => random.NextAmount(200, 8000),
    };
}
