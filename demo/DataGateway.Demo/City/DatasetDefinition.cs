using DataGateway.Demo.Data;

namespace DataGateway.Demo.City;

/// <summary>A dataset a department serves, what the catalog should say about it, and how its rows are made.</summary>
/// <param name="Code">The dataset code; also its path on the service (<c>/{code}</c>).</param>
/// <param name="KeyField">The natural key: <c>GET /{code}/{key}</c> returns that record.</param>
/// <param name="Sharing">Suggested sharing attribute (<see cref="SharingAttributes"/>).</param>
/// <param name="Domain">Suggested domain: housing, planning, finance, medical, transport, governance.</param>
/// <param name="OpenForOperation">Suggested: open for authorized operation (授权运营).</param>
/// <param name="Fields">Top-level fields in record order; every record has exactly these, in this order.</param>
/// <param name="ConsentSubjectField">Suggested: the field naming each record's data subject, whose consent an operator needs (持证主体授权).</param>
internal sealed record DatasetDefinition(
    string Code,
    string Title,
    string DepartmentId,
    string ServiceId,
    ResponseShape Shape,
    string KeyField,
    string Sharing,
    string Domain,
    bool OpenForOperation,
    IReadOnlyList<FieldDefinition> Fields,
    IDatasetGenerator Generator,
    string? ConsentSubjectField = null)
{
    /// <summary>Every demo dataset carries its district in this field (区划属性).</summary>
    public const string DistrictField = "district_code";

    public string Path => "/" + Code;

    public string RecordPath => Shape == ResponseShape.Envelope ? "data.items" : "";
}
