namespace DataGateway.Testing;

/// <summary>A district's receiver as <c>GET /landing/{district}</c> reports it (see <see cref="DemoReceivers"/>).</summary>
/// <param name="Batches">Batches stored, each once.</param>
/// <param name="Records">Records of those batches.</param>
/// <param name="Duplicates">Posts of a batch id stored before (answered 200, <c>"duplicate":true</c>, not stored again).</param>
/// <param name="Rejected">Posts that stored nothing and were no duplicate: refused, answered with a controlled status, or dropped.</param>
public sealed record LandingSummary(string District, long Batches, long Records, long Duplicates, long Rejected);
