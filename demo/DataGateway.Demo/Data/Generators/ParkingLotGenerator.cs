using DataGateway.Demo.City;

namespace DataGateway.Demo.Data.Generators;

/// <summary>公共停车场 of the transport commission, with occupancy as of <see cref="DemoClock.Now"/>.</summary>
internal sealed class ParkingLotGenerator : IDatasetGenerator
{
    private static readonly WeightedChoice<int> CapacityBands = new((60, 30), (200, 35), (500, 25), (1500, 10));
    private static readonly int[] InnerFees = [10, 12, 15, 20];
    private static readonly int[] OuterFees = [3, 5, 6, 8, 10];

    public IReadOnlyList<Record> Generate(DatasetDefinition dataset, GenerationContext context)
    {
        var random = context.RandomFor(dataset.Code);
        var writer = new RecordWriter(dataset);
        var records = new Record[context.Rows];
        for (var row = 0; row < context.Rows; row++)
        {
            var district = Districts.ForRow(random, row);
            var road = random.Pick(district.Roads);
            var number = random.Next(1, 1800);
            var name = random.Next(5) switch
            {
                0 => $"{road}公共停车场",
                1 => $"{road}{number}号地下停车库",
                2 => $"{HousingEstates.Create(random)}配建停车场",
                3 => district.Inner ? $"{CompanyNames.TradeName(random)}广场停车库" : $"{road}P+R停车场",
                _ => $"{District.StreetStem(random.Pick(district.Streets))}社区公共停车场",
            };
            var capacity = random.Next(20, CapacityBands.Pick(random));
            var occupancy = random.Next(35, 100);
            var (lng, lat) = district.RandomPoint(random);
            records[row] = writer.Begin()
                .String("lot_id", $"P{district.Code}{row + 1:D6}")
                .String("name", name)
                .String("district_code", district.Code)
                .Number("capacity", capacity)
                .Number("free_spaces", capacity - (capacity * occupancy / 100))
                .String("updated_at", DemoClock.Timestamp(DemoClock.Now.AddSeconds(-random.Next(0, 900))))
                .String("address", $"上海市{district.Name}{road}{number}号")
                .Number("fee_per_hour", random.Pick(district.Inner ? InnerFees : OuterFees))
                .StartObject("location")
                .Number("lng", lng)
                .Number("lat", lat)
                .EndObject()
                .Complete();
        }

        return records;
    }
}
