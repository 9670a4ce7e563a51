namespace DataGateway.Demo.Data;

/// <summary>One generated record: its natural key, its district, its JSON (UTF-8, serialized once) and its scalar values.</summary>
/// <param name="Values">Values of the dataset's top-level fields by ordinal; default for object fields.</param>
internal sealed record Record(string Key, string DistrictCode, byte[] Json, FieldValue[] Values);
