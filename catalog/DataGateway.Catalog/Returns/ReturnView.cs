using DataGateway.Catalog.Problems;
using DataGateway.Returns.Jobs;

namespace DataGateway.Catalog.Returns;

/// <summary>A return job as the API shows it: what it pushes, its progress, and each district's receipt.</summary>
public sealed record ReturnView(
    Guid Id,
    string Dataset,
    string Mode,
    string? WatermarkField,
    string State,
    string RequestedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    string? Worker,
    int PageSize,
    long? SourceTotal,
    long RowsRead,
    ReturnHeldView Held,
    ReturnProgressView Progress,
    string? ErrorCode,
    string? ErrorMessage,
    string? Error,
    ReturnReceiptView[] Districts,
    string[] Gaps)
{
    /// <summary>The view; <paramref name="onlyDistrict"/> shows one district's receipt alone (a district reading its own).</summary>
    public static ReturnView Of(ReturnJob job, IReadOnlyList<ReturnReceipt> receipts, string? onlyDistrict = null)
    {
        var shown = receipts.Where(r => onlyDistrict is null || r.District == onlyDistrict).ToList();
        return new ReturnView(
            job.Id, job.Dataset, job.Mode, job.WatermarkField, job.State, job.RequestedBy, job.CreatedAt, job.StartedAt, job.FinishedAt,
            job.Worker, job.PageSize, job.SourceTotal, job.RowsRead,
            new ReturnHeldView(job.Held.Missing, job.Held.Unknown, job.Held.Ambiguous, job.Held.NotObject, job.Held.Total),
            ReturnProgressView.Of(job, shown),
            job.ErrorCode, job.ErrorCode is null ? null : Explain(job.ErrorCode), job.Error,
            [.. shown.Select(r => ReturnReceiptView.Of(r, job.State))],
            [.. shown.Where(r => r.Gap(job.State)).Select(r => r.District)]);
    }

    /// <summary>Every code a job or a receipt can carry, in the caller's language.</summary>
    public static string Explain(string code) =>
        CatalogMessages.Table.Contains("return_code." + code) ? CatalogMessages.Get("return_code." + code) : code;
}

/// <summary>Rows no district received: no district field, a code of no district, the field given twice, not an object.</summary>
public sealed record ReturnHeldView(long Missing, long Unknown, long Ambiguous, long NotObject, long Total);

/// <summary>How far the job is: rows delivered of those expected, the rate over its running time, and the time left at that rate.</summary>
public sealed record ReturnProgressView(double Percent, long RowsDelivered, long? RowsExpected, double RowsPerSecond, double? SecondsLeft)
{
    public static ReturnProgressView Of(ReturnJob job, IReadOnlyList<ReturnReceipt> receipts)
    {
        var delivered = receipts.Sum(r => r.RowsDelivered);

        // Once a whole read has counted every district, its counts; before, the source's own total less what is held back.
        long? expected = receipts.Count > 0 && receipts.All(r => r.SourceRows is not null)
            ? receipts.Sum(r => r.SourceRows!.Value)
            : job.SourceTotal is { } total ? Math.Max(0, total - job.Held.Total) : null;
        var rate = job.RunSeconds > 0 ? delivered / job.RunSeconds : 0;
        var percent = job.State == ReturnJobStates.Completed ? 100
            : expected is > 0 ? Math.Min(100, Math.Round(100.0 * delivered / expected.Value, 1))
            : 0;
        double? left = expected is { } e && rate > 0 && job.State is ReturnJobStates.Running or ReturnJobStates.Queued
            ? Math.Round(Math.Max(0, e - delivered) / rate, 1)
            : null;
        return new ReturnProgressView(percent, delivered, expected, Math.Round(rate, 1), left);
    }
}

/// <summary>One district's receipt, with the reconciliation: its rows in the source against those delivered.</summary>
public sealed record ReturnReceiptView(
    string District,
    string OrganizationId,
    string State,
    long? SourceRows,
    long RowsDelivered,
    long Batches,
    long Failures,
    string? WatermarkFrom,
    string? FirstWatermark,
    string? LastWatermark,
    string? LastErrorCode,
    string? LastErrorMessage,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    bool? Reconciled,
    DateTimeOffset UpdatedAt)
{
    public static ReturnReceiptView Of(ReturnReceipt r, string jobState) => new(
        r.District, r.OrganizationId, r.State, r.SourceRows, r.RowsDelivered, r.Batches, r.Failures, r.WatermarkFrom,
        r.FirstWatermark, r.LastWatermark, r.LastErrorCode, r.LastErrorCode is null ? null : ReturnView.Explain(r.LastErrorCode), r.LastError,
        r.NextAttemptAt,
        r.SourceRows is null || (r.State != ReturnDistrictStates.Delivered && jobState != ReturnJobStates.Completed) ? null : !r.Gap(jobState),
        r.UpdatedAt);
}
