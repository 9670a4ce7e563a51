using System.Security.Cryptography;
using DataGateway.Common.Identity;
using DataGateway.Ledger.Verification;
using Microsoft.IdentityModel.Tokens;

namespace DataGateway.Gateway.Tests.Metering;

/// <summary>
/// The gateway names its checkpoint key with the ledger's own thumbprint code; the catalog finds the key to check a
/// checkpoint by the key id IdentityModel gives the platform's token keys. The two must agree, or every checkpoint
/// would read as unsigned.
/// </summary>
public class CheckpointKeyIdTests
{
    [Fact]
    public void LedgerKeyId_EqualsTheTokenKeyIdOfTheSameKey()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        var tokenKeyId = SigningKeyStore.Thumbprint(JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(key)));

        Assert.Equal(tokenKeyId, KeyIds.Thumbprint(key));
    }
}
