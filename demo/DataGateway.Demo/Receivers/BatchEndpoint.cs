using System.Buffers;
using System.Globalization;
using Microsoft.Net.Http.Headers;

namespace DataGateway.Demo.Receivers;

/// <summary>
/// <c>POST /landing/{district}</c>: one batch of a return, answered as a district's landing system would. In order:
/// the district (404), its bearer token (401), the media type (415) and size (413), the body's shape, its
/// <c>Idempotency-Key</c> and district (400); then the district's control may answer instead (a status, or a dropped
/// connection, both storing nothing); otherwise the batch is stored once, and a batch id seen before is a duplicate.
/// </summary>
internal sealed class BatchEndpoint(LandingStore store, LandingSecrets secrets, IHostApplicationLifetime lifetime)
{
    private const string IdempotencyKeyHeader = "Idempotency-Key";

    public async Task PostAsync(HttpContext context)
    {
        var district = context.Request.RouteValues["district"] as string ?? "";
        if (store.Find(district) is not { } landing || store.Control(district) is not { } control)
        {
            await ReceiverAnswers.ErrorAsync(context, StatusCodes.Status404NotFound, LandingErrorCodes.DistrictUnknown, null, district);
            return;
        }

        if (!secrets.IsAuthorized(context.Request, district))
        {
            landing.CountRejected();
            context.Response.Headers[HeaderNames.WWWAuthenticate] = "Bearer";
            await ReceiverAnswers.ErrorAsync(context, StatusCodes.Status401Unauthorized, LandingErrorCodes.TokenInvalid, null, district);
            return;
        }

        if (Refusal(context.Request) is { } refusal)
        {
            landing.CountRejected();
            await ReceiverAnswers.ErrorAsync(context, refusal.Status, refusal.Code, null, ReceiversOptions.MaxBodyBytes);
            return;
        }

        byte[] buffer;
        int length;
        try
        {
            (buffer, length) = await RequestBodies.ReadAsync(context.Request, context.RequestAborted);
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            landing.CountRejected();
            await ReceiverAnswers.ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, LandingErrorCodes.BodyTooLarge, null, ReceiversOptions.MaxBodyBytes);
            return;
        }

        try
        {
            await AnswerAsync(context, landing, control, buffer.AsMemory(0, length));
        }
        finally
        {
            // Stored rows are copies and the file's lines are written: nothing refers to the buffer any more.
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task AnswerAsync(HttpContext context, DistrictLanding landing, Misbehaviour control, ReadOnlyMemory<byte> body)
    {
        if (Validate(context.Request, landing.District, body, out var batch) is { } error)
        {
            landing.CountRejected();
            await ReceiverAnswers.ErrorAsync(context, StatusCodes.Status400BadRequest, error.Code, error.Member, error.Arguments);
            return;
        }

        var mode = control.Take();
        switch (mode.Mode)
        {
            case ControlModes.Status:
                landing.CountRejected();
                var status = mode.Status!.Value;
                if (status is StatusCodes.Status429TooManyRequests or StatusCodes.Status503ServiceUnavailable)
                {
                    context.Response.Headers[HeaderNames.RetryAfter] =
                        (mode.RetryAfter ?? ControlRequest.DefaultRetryAfter).ToString(CultureInfo.InvariantCulture);
                }

                await ReceiverAnswers.ErrorAsync(context, status, LandingErrorCodes.Simulated, null, status);
                return;
            case ControlModes.Drop:
                landing.CountRejected();
                context.Abort();
                return;
        }

        var (accepted, duplicate) = landing.Store(batch!);
        if (mode.Mode == ControlModes.Slow)
        {
            await DelayAsync(mode.DelayMs!.Value, context.RequestAborted);
        }

        await ReceiverAnswers.ObjectAsync(context, writer =>
        {
            writer.WriteString("batchId", batch!.BatchId);
            writer.WriteNumber("accepted", accepted);
            writer.WriteBoolean("duplicate", duplicate);
        });
    }

    /// <summary>The media type and announced size, before a byte of the body is read.</summary>
    private static (int Status, string Code)? Refusal(HttpRequest request)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
            || (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            return (StatusCodes.Status415UnsupportedMediaType, LandingErrorCodes.ContentTypeUnsupported);
        }

        return request.ContentLength > ReceiversOptions.MaxBodyBytes
            ? (StatusCodes.Status413PayloadTooLarge, LandingErrorCodes.BodyTooLarge)
            : null;
    }

    private static (string Code, string? Member, object?[] Arguments)? Validate(HttpRequest request, string district, ReadOnlyMemory<byte> body, out LandingBatch? batch)
    {
        if (!LandingBatchReader.TryRead(body, out batch, out var error))
        {
            return (error!.Code, error.Member, [error.Member]);
        }

        if (request.Headers[IdempotencyKeyHeader] is not [{ } key])
        {
            return (LandingErrorCodes.IdempotencyKeyMissing, null, []);
        }

        if (!string.Equals(key, batch!.BatchId, StringComparison.Ordinal))
        {
            return (LandingErrorCodes.IdempotencyKeyMismatch, "batchId", [key, batch.BatchId]);
        }

        return batch.District == district ? null : (LandingErrorCodes.DistrictMismatch, "district", [batch.District, district]);
    }

    /// <summary>
    /// A slow receiver's wait, after the batch is stored: cut short when the caller goes away (nobody is left to answer)
    /// or the process stops.
    /// </summary>
    private async Task DelayAsync(int milliseconds, CancellationToken requestAborted)
    {
        using var either = CancellationTokenSource.CreateLinkedTokenSource(requestAborted, lifetime.ApplicationStopping);
        try
        {
            await Task.Delay(milliseconds, either.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
