using System.Security.Cryptography;
using System.Text;
using DataGateway.Demo.Data;
using Microsoft.Net.Http.Headers;

namespace DataGateway.Demo.Receivers;

/// <summary>
/// The bearer token each district's landing endpoint expects: the trimmed content of <c>landing-&lt;district&gt;</c>
/// in the secrets folder, read once at start.
/// </summary>
internal sealed class LandingSecrets
{
    public const string FilePrefix = "landing-";

    private readonly IReadOnlyDictionary<string, byte[]> _tokens;

    private LandingSecrets(IReadOnlyDictionary<string, byte[]> tokens) => _tokens = tokens;

    /// <summary>
    /// Reads every district's token; the districts without one (no file, or an empty one) are named in
    /// <paramref name="missing"/>, and then there is no result: a receiver that refused a whole district's batches
    /// because of a typo in a folder name would look like a worker's bug.
    /// </summary>
    public static LandingSecrets? Load(string directory, out IReadOnlyList<string> missing)
    {
        var tokens = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var absent = new List<string>();
        foreach (var district in Districts.All)
        {
            var path = Path.Combine(directory, FilePrefix + district.Code);
            var token = File.Exists(path) ? File.ReadAllText(path).Trim() : "";
            if (token.Length == 0)
            {
                absent.Add(district.Code);
            }
            else
            {
                tokens[district.Code] = Encoding.UTF8.GetBytes(token);
            }
        }

        missing = absent;
        return absent.Count == 0 ? new LandingSecrets(tokens) : null;
    }

    /// <summary>Whether the request carries <c>Authorization: Bearer &lt;the district's token&gt;</c>.</summary>
    public bool IsAuthorized(HttpRequest request, string district)
    {
        if (!_tokens.TryGetValue(district, out var expected)
            || request.Headers[HeaderNames.Authorization] is not [{ } header]
            || !header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        // In constant time, as a real receiver would compare a secret: no timing tells how much of a guess was right.
        var presented = Encoding.UTF8.GetBytes(header["Bearer ".Length..].Trim());
        return CryptographicOperations.FixedTimeEquals(presented, expected);
    }
}
