using System.Security.Cryptography;
using DataGateway.Catalog.Hosting;
using DataGateway.Ledger.Verification;
using Microsoft.Extensions.Options;

namespace DataGateway.Catalog.Storage;

/// <summary>
/// The platform's key as the catalog signs its chain's checkpoints with it (<c>DataGateway:Catalog:CheckpointKeyFile</c>,
/// the same ES256 key the gateways sign theirs with); without one the catalog's chain gets links but no checkpoints.
/// </summary>
public sealed class CatalogChainSigner
{
    public CatalogChainSigner(IOptions<CatalogOptions> options)
    {
        if (options.Value.CheckpointKeyFile is { Length: > 0 } file)
        {
            var key = ECDsa.Create();
            key.ImportFromPem(File.ReadAllText(file));
            Signer = new CheckpointSigner(key, KeyIds.Thumbprint(key));
        }
    }

    /// <summary>Null when no key is configured.</summary>
    public CheckpointSigner? Signer { get; }
}
