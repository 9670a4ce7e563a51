using DataGateway.Demo.City;

namespace DataGateway.Demo.Data;

/// <summary>Makes a dataset's rows; the same dataset and context always give the same records, byte for byte.</summary>
internal interface IDatasetGenerator
{
    IReadOnlyList<Record> Generate(DatasetDefinition dataset, GenerationContext context);
}
