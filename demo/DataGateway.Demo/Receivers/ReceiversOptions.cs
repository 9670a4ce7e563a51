namespace DataGateway.Demo.Receivers;

/// <summary>The <c>receivers</c> command's options (parsed by <see cref="ReceiversCommand"/>).</summary>
/// <param name="Port">The one loopback port all 16 districts' landing endpoints share.</param>
/// <param name="SecretsDirectory">Holds <c>landing-&lt;district&gt;</c>, the bearer token each district expects.</param>
/// <param name="StoreDirectory">Where accepted records are appended as JSON lines; null to keep them in memory only.</param>
/// <param name="Keep">What stays in memory: the records themselves, or only counts.</param>
internal sealed record ReceiversOptions(int Port, string SecretsDirectory, string? StoreDirectory, KeepMode Keep)
{
    /// <summary>The demo's receivers port, beside the gateway's 8080, the catalog's 8081 and the services' 9100 ….</summary>
    public const int DefaultPort = 9090;

    /// <summary>The largest batch body a receiver reads (64 MiB): a batch of 1,000 wide records is well under it.</summary>
    public const long MaxBodyBytes = 64L * 1024 * 1024;
}
