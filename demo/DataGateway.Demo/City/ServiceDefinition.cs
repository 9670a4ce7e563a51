namespace DataGateway.Demo.City;

/// <summary>A department's data service: one listener, or one per district when <see cref="PerDistrict"/>.</summary>
/// <param name="PortOffset">
/// Added to <c>--port-base</c> to give the listener's port; a per-district service adds the district's index
/// in <see cref="Data.Districts.All"/> on top.
/// </param>
internal sealed record ServiceDefinition(string Id, string DepartmentId, int PortOffset, bool PerDistrict);
