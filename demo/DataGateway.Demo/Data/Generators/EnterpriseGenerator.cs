using DataGateway.Demo.City;

namespace DataGateway.Demo.Data.Generators;

/// <summary>企业登记信息 of the market regulator: the first <c>rows</c> enterprises of the shared register.</summary>
internal sealed class EnterpriseGenerator : IDatasetGenerator
{
    public IReadOnlyList<Record> Generate(DatasetDefinition dataset, GenerationContext context)
    {
        var writer = new RecordWriter(dataset);
        var records = new Record[context.Rows];
        for (var row = 0; row < context.Rows; row++)
        {
            var enterprise = context.Enterprises.Get(row);
            records[row] = writer.Begin()
                .String("credit_code", enterprise.CreditCode)
                .String("name", enterprise.Name)
                .String("legal_representative", enterprise.LegalRepresentative)
                .Number("registered_capital_wan", enterprise.RegisteredCapitalWan)
                .String("district_code", enterprise.District.Code)
                .String("status", enterprise.Status)
                .String("established_on", DemoClock.Date(enterprise.EstablishedOn))
                .String("industry", enterprise.Industry.Category)
                .String("address", enterprise.Address)
                .Complete();
        }

        return records;
    }
}
