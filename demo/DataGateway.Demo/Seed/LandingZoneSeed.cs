using System.Net.Http.Json;
using DataGateway.Demo.Data;

namespace DataGateway.Demo.Seed;

/// <summary>
/// The demo districts' landing zones for pushed returns (属地返还 推送): one per district organization, all on the
/// demo's one receiver process, each at its own path, each with a bearer secret the returns worker resolves by name.
/// </summary>
internal static class LandingZoneSeed
{
    /// <summary>The demo receiver's port (<c>RECEIVERS_PORT</c> in <c>scripts/demo.sh</c>), beside the catalog's 8081 and the gateway's 8080.</summary>
    public const int ReceiverPort = 9090;

    /// <summary>Where the demo receiver listens unless <c>--landing-base</c> says otherwise.</summary>
    public static readonly string DefaultBase = $"http://127.0.0.1:{ReceiverPort}";

    /// <summary>Rows per POST in the demo: small enough that a return of the demo's rows takes several batches per district.</summary>
    public const int BatchSize = 500;

    /// <summary>The secret's name for a district; the worker reads it as <c>DataGateway__Returns__Secrets__landing-&lt;code&gt;</c> or a file of that name.</summary>
    public static string SecretRef(string districtCode) => "landing-" + districtCode;

    public static Uri UrlOf(Uri landingBase, string districtCode) => new($"{landingBase.AbsoluteUri.TrimEnd('/')}/landing/{districtCode}");

    /// <summary>PUTs every district's zone (creating or replacing it, so a second seed finds the same).</summary>
    public static async Task PutAllAsync(HttpClient admin, Uri landingBase)
    {
        foreach (var district in Districts.All)
        {
            using var response = await admin.PutAsJsonAsync($"/v1/organizations/district-{district.Code}/landing-zone", new
            {
                url = UrlOf(landingBase, district.Code).AbsoluteUri,
                auth = new { kind = "bearer", secretRef = SecretRef(district.Code) },
                batchSize = BatchSize,
            });
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"PUT landing zone of district-{district.Code} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
