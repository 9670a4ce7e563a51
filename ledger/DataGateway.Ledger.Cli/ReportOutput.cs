using System.Text.Json;
using DataGateway.Ledger.Verification;

namespace DataGateway.Ledger.Cli;

/// <summary>A verification report, one line per chain (or as JSON), the same for the database and for archives.</summary>
internal static class ReportOutput
{
    public static int Print(VerificationReport report, bool json, string subject)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web) { WriteIndented = true }));
            return report.Intact ? 0 : 1;
        }

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

        Console.WriteLine(report.Intact ? $"{subject} proves itself" : $"{subject} has been tampered with");
        return report.Intact ? 0 : 1;
    }
}
