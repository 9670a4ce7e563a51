namespace DataGateway.Catalog.Applications;

/// <summary>What an application is checked against: its dataset's sharing, domain and fields (name → level, personal).</summary>
internal sealed record DatasetFacts(string Code, string Sharing, string Domain, bool OpenForOperation, Dictionary<string, (int Level, bool Personal)> Fields);
