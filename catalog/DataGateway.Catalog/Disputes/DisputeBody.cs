namespace DataGateway.Catalog.Disputes;

/// <summary>A dispute about one field of one record the caller received (<c>POST /v1/disputes</c>).</summary>
/// <param name="RequestId">
/// The request id of the call that delivered the record: its <c>X-Request-Id</c> as the gateway sent it (32 hex
/// digits), or with hyphens. Text rather than a Guid, whose JSON form takes the hyphenated spelling only.
/// </param>
/// <param name="RecordKey">The record's value of the dataset's record key field (e.g. a permit number).</param>
/// <param name="Field">The field the caller says is wrong; it must be among the fields that call disclosed.</param>
/// <param name="Description">What is wrong, up to 2,000 characters.</param>
/// <param name="ProposedValue">What the caller believes the value should be (optional).</param>
public sealed record DisputeBody(string? RequestId, string? Dataset, string? RecordKey, string? Field, string? Description, string? ProposedValue);
