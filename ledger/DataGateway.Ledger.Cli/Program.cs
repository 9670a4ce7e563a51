using System.Security.Cryptography;
using System.Text.Json;
using DataGateway.Ledger.Verification;
using Npgsql;

// datagateway-ledger verify --connection "Host=…;Database=…" --key issuer.pub.pem [--key …] [--json]
//   Walks every call chain and the catalog's event chain, checks the signed checkpoints with the given public keys,
//   and prints the first bad sequence number of each chain. Exit code 0: every chain proves itself; 1: tampering
//   found; 2: usage or connection error.
const string Usage = "usage: datagateway-ledger verify --connection <Npgsql connection string> --key <public key PEM> [--key …] [--json]";
if (args.Length == 0 || args[0] != "verify")
{
    Console.Error.WriteLine(Usage);
    return 2;
}

string? connection = null;
var keyFiles = new List<string>();
var json = false;
for (var i = 1; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--connection" when i + 1 < args.Length:
            connection = args[++i];
            break;
        case "--key" when i + 1 < args.Length:
            keyFiles.Add(args[++i]);
            break;
        case "--json":
            json = true;
            break;
        default:
            Console.Error.WriteLine($"unknown or incomplete option '{args[i]}'\n{Usage}");
            return 2;
    }
}

if (connection is null || keyFiles.Count == 0)
{
    Console.Error.WriteLine(Usage);
    return 2;
}

var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
foreach (var file in keyFiles)
{
    var key = ECDsa.Create();
    key.ImportFromPem(File.ReadAllText(file));
    keys[KeyIds.Thumbprint(key)] = key;
}

VerificationReport report;
try
{
    await using var dataSource = NpgsqlDataSource.Create(connection);
    report = await new LedgerVerifier(dataSource, keys).VerifyAsync();
}
catch (NpgsqlException ex)
{
    Console.Error.WriteLine($"cannot read the ledger: {ex.Message}");
    return 2;
}

if (json)
{
    Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
}
else
{
    foreach (var chain in report.Chains)
    {
        Console.WriteLine(chain.Problem is null
            ? $"ok        {chain.Chain}: {chain.Records} records, last seq {chain.LastSeq}, checkpointed to {chain.LastCheckpointSeq?.ToString() ?? "-"}"
            : $"TAMPERED  {chain.Chain}: {chain.Problem} at seq {chain.FirstBadSeq}: {chain.Detail}");
    }

    Console.WriteLine(report.Intact ? "the ledger proves itself" : "the ledger has been tampered with");
}

return report.Intact ? 0 : 1;
