namespace DataGateway.Catalog.Usage;

/// <summary>
/// A district's rows (属地返还): <see cref="Pulled"/> returned to the district's own calls on the data API,
/// <see cref="Pushed"/> delivered to its landing zone by return jobs and acknowledged.
/// </summary>
public sealed record UsageDistrict(string District, long Pulled, long Pushed);
