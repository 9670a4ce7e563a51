namespace DataGateway.Catalog.Returns;

/// <summary>An admin's request to push a dataset to the districts' landing zones (属地返还).</summary>
/// <param name="Mode"><c>full</c> (default) or <c>incremental</c>: only rows whose <paramref name="WatermarkField"/> is above what each district last received.</param>
/// <param name="Districts">The districts to push to; all district organizations when absent.</param>
/// <param name="PageSize">Rows per page read from the source; the dataset's page cap by default and at most.</param>
public sealed record ReturnBody(string? Dataset, string? Mode, string? WatermarkField, string[]? Districts, int? PageSize);
