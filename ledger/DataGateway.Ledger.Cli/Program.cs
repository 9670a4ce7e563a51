using System.CommandLine;
using System.Security.Cryptography;
using System.Text.Json;
using DataGateway.Ledger.Cli;
using DataGateway.Ledger.Schema;
using DataGateway.Ledger.Verification;
using Npgsql;

// datagateway-ledger verify --connection "Host=…;Database=…" --key issuer.pub.pem [--key …] [--json]
//   Walks every call chain and the catalog's event chain, checks the signed checkpoints with the given public keys,
//   and prints the first bad sequence number of each chain. Exit code 0: every chain proves itself; 1: tampering
//   found; 2: usage or connection error. Parsed by System.CommandLine; help is Chinese first, then English.
var connection = new Option<string>("--connection")
{
    Description = "PostgreSQL 连接串（Npgsql 格式）。 The PostgreSQL connection string (Npgsql format).",
    HelpName = "connection-string",
    Required = true,
};
var keys = new Option<string[]>("--key")
{
    Description = "签署检查点的公钥（PEM 文件），可重复。 A public key (PEM file) that signs checkpoints; repeat for more.",
    HelpName = "pem-file",
    Required = true,
    Arity = ArgumentArity.OneOrMore,
};
var json = new Option<bool>("--json") { Description = "以 JSON 输出报告。 Print the report as JSON." };
var verify = new Command(
    "verify",
    "核验每条调用链和目录事件链及其签名检查点；退出码 0 完好，1 发现篡改，2 用法或连接错误。 " +
    "Verify every call chain and the catalog's event chain with their signed checkpoints; exit code 0 intact, 1 tampered, 2 usage or connection error.")
{
    connection,
    keys,
    json,
};
verify.SetAction((result, cancellationToken) =>
    VerifyAsync(result.GetRequiredValue(connection), result.GetRequiredValue(keys), result.GetValue(json), cancellationToken));
var root = new RootCommand("DataGateway 账本核验工具：直接对照 PostgreSQL 核验账本。 DataGateway's ledger verifier, straight against PostgreSQL.")
{
    verify,
};
return await CommandLineExit.InvokeAsync(root, args);

static async Task<int> VerifyAsync(string connection, string[] keyFiles, bool json, CancellationToken cancellationToken)
{
    var keys = new Dictionary<string, ECDsa>(StringComparer.Ordinal);
    foreach (var file in keyFiles)
    {
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(file));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or CryptographicException)
        {
            Console.Error.WriteLine($"无法读取公钥 cannot read the key {file}: {ex.Message}");
            return CommandLineExit.UsageError;
        }

        keys[KeyIds.Thumbprint(key)] = key;
    }

    VerificationReport report;
    try
    {
        await using var dataSource = NpgsqlDataSource.Create(connection);
        // The ledger's tables are the ledger's own: applied here as by every process that uses them (the same lock as
        // the gateway's and the catalog's start), so a verify against a database nothing has written yet is a clean,
        // empty report rather than a missing table.
        await LedgerSchema.ApplyAsync(dataSource, cancellationToken);
        report = await new LedgerVerifier(dataSource, keys).VerifyAsync(cancellationToken);
    }
    catch (Exception ex) when (ex is NpgsqlException or ArgumentException)
    {
        Console.Error.WriteLine($"无法读取账本 cannot read the ledger: {ex.Message}");
        return CommandLineExit.UsageError;
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

            // The catalog's chain lists every event that does not prove itself, not only the first.
            foreach (var finding in (chain.Findings ?? []).Skip(1))
            {
                Console.WriteLine($"          {chain.Chain}: {finding.Code} at seq {finding.Seq}: {finding.Detail}");
            }
        }

        Console.WriteLine(report.Intact ? "the ledger proves itself" : "the ledger has been tampered with");
    }

    return report.Intact ? 0 : 1;
}
