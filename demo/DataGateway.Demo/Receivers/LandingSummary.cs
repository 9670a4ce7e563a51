namespace DataGateway.Demo.Receivers;

/// <summary>
/// What one district's receiver holds (<c>GET /landing/{district}</c>).
/// </summary>
/// <param name="Batches">Batches stored, each once.</param>
/// <param name="Records">Records of those batches.</param>
/// <param name="Duplicates">Posts of a batch id already stored: answered 200 with <c>"duplicate":true</c>, stored no more.</param>
/// <param name="Rejected">Posts that stored nothing and were no duplicate: refused (401, 400, 413, 415), answered with a
/// status a control asked for, or dropped.</param>
internal sealed record LandingSummary(string District, long Batches, long Records, long Duplicates, long Rejected);
