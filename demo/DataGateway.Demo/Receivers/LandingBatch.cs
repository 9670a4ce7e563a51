namespace DataGateway.Demo.Receivers;

/// <summary>
/// One batch as the returns worker posts it to <c>POST /landing/{district}</c>:
/// <c>{"batchId","jobId","dataset","district","sequence","records":[{…},…]}</c>.
/// </summary>
/// <param name="Records">Each record's JSON exactly as received (slices of the request body, valid until it is returned).</param>
internal sealed record LandingBatch(
    string BatchId, Guid JobId, string Dataset, string District, long Sequence, IReadOnlyList<ReadOnlyMemory<byte>> Records);
