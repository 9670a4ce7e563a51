using DataGateway.Demo.City;

namespace DataGateway.Demo.Data.Generators;

/// <summary>
/// 疫苗接种 records of the health commission: one resident per row (the ID number is the key, so residents are
/// unique), the number of COVID-19 doses and the date of the last one.
/// </summary>
internal sealed class VaccinationGenerator : IDatasetGenerator
{
    private static readonly WeightedChoice<int> Doses = new((1, 8), (2, 30), (3, 55), (4, 7));

    private static readonly WeightedChoice<string> Vaccines = new(
        ("新冠病毒灭活疫苗（Vero细胞）", 72),
        ("重组新型冠状病毒蛋白疫苗（CHO细胞）", 16),
        ("重组新型冠状病毒疫苗（5型腺病毒载体）", 9),
        ("吸入用重组新型冠状病毒疫苗（5型腺病毒载体）", 3));

    /// <summary>The first day a resident could have had their n-th dose (index n − 1).</summary>
    private static readonly DateOnly[] FirstDayOfDose =
    [
        new(2021, 3, 25), new(2021, 4, 20), new(2021, 10, 15), new(2022, 5, 1),
    ];

    public IReadOnlyList<Record> Generate(DatasetDefinition dataset, GenerationContext context)
    {
        var random = context.RandomFor(dataset.Code);
        var writer = new RecordWriter(dataset);
        var records = new Record[context.Rows];
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var lastDay = new DateOnly(2022, 10, 25);
        for (var row = 0; row < context.Rows; row++)
        {
            var district = Districts.ForRow(random, row);
            Person person;
            do
            {
                person = Person.Create(random, district, new DateOnly(1928, 1, 1), new DateOnly(2018, 12, 31));
            }
            while (!seen.Add(person.IdNumber));

            var doses = Doses.Pick(random);
            var street = random.Pick(district.Streets);
            records[row] = writer.Begin()
                .String("person_id_number", person.IdNumber)
                .String("person_name", person.Name)
                .String("district_code", district.Code)
                .Number("doses", doses)
                .String("last_dose_on", DemoClock.Date(random.NextDate(FirstDayOfDose[doses - 1], lastDay)))
                .String("birth_date", DemoClock.Date(person.BirthDate))
                .String("vaccine", Vaccines.Pick(random))
                .String("site", $"上海市{district.Name}{street}社区卫生服务中心")
                .Complete();
        }

        return records;
    }
}
