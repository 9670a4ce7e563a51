using DataGateway.Common.ApiReference;
using DataGateway.Policy.Model;
using Microsoft.OpenApi;

namespace DataGateway.Gateway.ApiReference;

/// <summary>
/// A record as the data API returns it: the department's own shape with only the granted fields, and, for a dataset
/// with a record key field, the dispute mark (异议标记) that only the gateway writes.
/// </summary>
internal static class RecordSchema
{
    /// <summary>The component's name: <c>#/components/schemas/Record</c>.</summary>
    public const string Name = "Record";

    /// <summary>Adds the component and returns the schema of a data call's body, which holds such records.</summary>
    public static OpenApiSchema AddTo(OpenApiDocument document)
    {
        document.Components!.Schemas![Name] = new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "一条记录：数源部门的数据结构，只含授权字段。A record in the department's own shape, with only the granted fields.",
            AdditionalProperties = new OpenApiSchema(),
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                [DisputeMarks.Member] = ApiDocuments.StringEnum(
                    [DisputeMarks.UnderVerification, DisputeMarks.ConfirmedPending],
                    "异议标记：仅用于目录设置了记录键（recordKeyField）的数据集，由网关写入，作为记录的最后一个成员。" +
                    "`under_verification`：该记录有异议，数源部门尚未核实；`confirmed_pending`：数源部门已确认有误，待更正。" +
                    "无异议的记录没有此成员；数源部门自带的 `_dispute` 一律不予返回。" +
                    "Dispute mark, for datasets with a record key field (`recordKeyField` in the catalog) only, written by the gateway " +
                    "as the record's last member: `under_verification` while a dispute about the record awaits the owning department, " +
                    "`confirmed_pending` once the department confirmed it wrong and the correction is still to come. Absent on a " +
                    "record under no dispute; a `_dispute` the department's service sends itself is never passed on."),
            },
        };
        var record = new OpenApiSchemaReference(Name, document);
        return new OpenApiSchema
        {
            Description = "Any JSON the department's service answers; the records at the dataset's record path (`recordPath`) are `Record`s.",
            AnyOf = [new OpenApiSchema { Type = JsonSchemaType.Array, Items = record }, record, new OpenApiSchema()],
        };
    }
}
