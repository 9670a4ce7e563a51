namespace DataGateway.Catalog.ApiReference;

/// <summary>Endpoint metadata: the endpoint can answer <see cref="Status"/> with one of <see cref="Codes"/>.</summary>
public sealed record ProblemCodesMetadata(int Status, IReadOnlyList<string> Codes);
