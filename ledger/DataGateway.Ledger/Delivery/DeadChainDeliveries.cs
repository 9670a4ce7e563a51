namespace DataGateway.Ledger.Delivery;

/// <summary>
/// Finds the calls of gateways that are gone (their delivery files held by nobody) whose records were committed as
/// complete but whose responses were never delivered, and amends them as undelivered. Runs after the journal is
/// drained, so every record such a gateway committed anywhere is in PostgreSQL.
/// </summary>
public static class DeadChainDeliveries
{
    /// <summary>Returns the number of records amended; leaves a file in place when PostgreSQL could not be asked.</summary>
    public static async Task<int> SettleAsync(
        string directory, LedgerStore store, string notedBy, Verification.CheckpointSigner? signer, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var amended = 0;
        foreach (var path in Directory.EnumerateFiles(directory, "*" + DeliveryLog.Extension).Order(StringComparer.Ordinal))
        {
            Microsoft.Win32.SafeHandles.SafeFileHandle file;
            try
            {
                file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.None);
            }
            catch (IOException)
            {
                continue; // a live gateway's, or gone already
            }
            catch (UnauthorizedAccessException)
            {
                continue;
            }

            using (file)
            {
                var chain = Path.GetFileNameWithoutExtension(path);
                var (watermark, delivered) = DeliveryLog.Read(file);
                var committed = await store.CompleteRecordsAfterAsync(chain, watermark, cancellationToken);
                var undelivered = committed.Where(r => !delivered.Contains(r.Seq)).Select(r => r.RequestId).ToList();
                amended += await store.AmendUndeliveredAsync(undelivered, notedBy, signer, cancellationToken);
                File.Delete(path);
            }
        }

        return amended;
    }

    /// <summary>True when some delivery file in the directory is held by nobody.</summary>
    public static bool AnyIn(string directory) =>
        Directory.Exists(directory) && Directory.EnumerateFiles(directory, "*" + DeliveryLog.Extension).Any(IsUnheld);

    private static bool IsUnheld(string path)
    {
        try
        {
            using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.None);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
