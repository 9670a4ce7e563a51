using System.Text.Json;
using DataGateway.Common.Identity;
using DataGateway.Common.Problems;
using DataGateway.Gateway.CatalogSync;
using DataGateway.Gateway.Enforcement;
using DataGateway.Gateway.Forwarding;
using DataGateway.Gateway.Metering;
using DataGateway.Gateway.Quotas;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Engine;
using Microsoft.AspNetCore.Http.Features;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Verification;

/// <summary>
/// <c>POST /api/{dataset}/verify</c> — usable, not visible (可用不可见): answers whether records with the given values
/// exist, and how many, comparing on the gateway against the upstream's records. No field value ever leaves.
/// </summary>
/// <remarks>
/// The upstream is asked with the match values as filters (department APIs filter by field), and every record it
/// returns is compared here again, so an upstream that ignores a filter cannot inflate the count. The request and
/// the row rules are the data API's own (<see cref="VerifyCounter"/>).
/// </remarks>
internal static class VerifyEndpoint
{
    public static IEndpointRouteBuilder MapVerifyEndpoint(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/{dataset}/verify", VerifyAsync);
        return app;
    }

    private static async Task VerifyAsync(
        string dataset,
        HttpContext http,
        CatalogSnapshotHolder holder,
        IPolicyEngine engine,
        ExternalPolicyGate external,
        TimeProvider time,
        IHttpClientFactory clients,
        QuotaGate quotas,
        ResponseFilterStage filter,
        ILoggerFactory logs,
        CancellationToken cancellationToken)
    {
        var caller = http.Features.GetRequiredFeature<ICallerFeature>().Caller;
        var logger = logs.CreateLogger(typeof(VerifyEndpoint).FullName!);
        var call = http.Features.Get<CallRecord>();
        call?.Action = LedgerActions.Verify;
        if (!await CheckQueryAsync(http))
        {
            return;
        }

        var (match, problem, member) = await VerifyBody.ReadAsync(http.Request, cancellationToken);
        if (!await CheckBodyAsync(http, problem, member))
        {
            return;
        }

        var district = (await CallParameters.ReadDistrictAsync(http))?.Code;
        var snapshot = holder.Current;
        var request = new AccessRequest(caller, dataset, DataAction.Verify, match!.Keys.ToList(), district, time.GetUtcNow());
        var decisionId = DecisionIds.Assign(http);
        var decision = engine.Decide(snapshot, request);
        string? policyRevision = null;
        if (decision.Allowed && external.Policy is { } policy)
        {
            var heard = await external.DecideAsync(policy, snapshot, request, decision, http, decisionId);
            (decision, policyRevision) = (heard.Decision, heard.Verdict?.BundleRevision);
        }

        DecisionIds.Record(http, logger, decisionId, decision, snapshot.Version, policyRevision);

        call?.Decided(decision, snapshot.Version, LedgerActions.Verify);
        if (!decision.Allowed)
        {
            await DenyResponses.WriteAsync(http, decision);
            return;
        }

        if (Consent.ConsentCheck.Applies(decision.Dataset!, caller))
        {
            // The match fields are the fields asked for: each must be one the subject consented to.
            decision = await DecisionMiddleware.CheckConsentAsync(http, snapshot, decision, [.. match.Keys], call, LedgerActions.Verify);
            if (!decision.Allowed)
            {
                return;
            }
        }

        var data = decision.Dataset!;
        var service = snapshot.FindService(data.ServiceId)!;
        var baseAddress = service.IsPerDistrict
            ? service.DistrictAddresses.GetValueOrDefault(district ?? caller.DistrictCode ?? "")
            : service.BaseAddress;
        if (baseAddress is null)
        {
            await ProblemResponses.WriteAsync(http, StatusCodes.Status400BadRequest, GatewayProblemCodes.DistrictRequired, GatewayMessages.Get("district_required.detail", data.Code));
            return;
        }

        var verdict = await quotas.TryTakeAsync(decision.Grant, cancellationToken);
        if (verdict is QuotaVerdict.Exceeded or QuotaVerdict.Unavailable)
        {
            await QuotaResponses.WriteAsync(http, verdict, decision, snapshot.Version, LedgerActions.Verify, quotas);
            return;
        }

        var client = clients.CreateClient(nameof(VerifyEndpoint));
        client.Timeout = service.Timeout;
        long count;
        try
        {
            call?.UpstreamStarting();
            count = await new VerifyCounter(filter).CountAsync(client, baseAddress, http, decision, match, http.Features.Get<IConsentFeature>(), cancellationToken);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await ProblemResponses.WriteAsync(http, StatusCodes.Status504GatewayTimeout, GatewayProblemCodes.UpstreamTimeout, GatewayMessages.Get("upstream_timeout.detail"));
            return;
        }
        catch (HttpRequestException)
        {
            await ProblemResponses.WriteAsync(http, StatusCodes.Status502BadGateway, GatewayProblemCodes.UpstreamUnavailable, GatewayMessages.Get("upstream_unavailable.detail"));
            return;
        }
        catch (UpstreamAnswerException ex)
        {
            await ProblemResponses.WriteAsync(http, StatusCodes.Status502BadGateway, ex.Code, null);
            return;
        }

        call?.UpstreamAnswered();
        http.Response.Headers.CacheControl = "no-store";
        http.Response.ContentType = "application/json; charset=utf-8";

        // No Content-Length: the answer is complete only when the ledger has its record (verify calls are billed).
        var body = JsonSerializer.SerializeToUtf8Bytes(new VerifyResult(count > 0, count), JsonSerializerOptions.Web);
        call?.BytesOut = body.Length;
        await http.Response.Body.WriteAsync(body, cancellationToken);
    }

    /// <summary>Verify takes one query parameter, <c>district</c>; anything else is refused rather than ignored.</summary>
    private static async Task<bool> CheckQueryAsync(HttpContext http)
    {
        foreach (var (key, _) in http.Request.Query)
        {
            if (key != GatewayParameters.District)
            {
                await DecisionMiddleware.WriteNotAllowedAsync(http, GatewayMessages.Get("parameter_not_allowed.verify", key));
                return false;
            }
        }

        return await CallParameters.ReadDistrictAsync(http) is not { Valid: false };
    }

    private static async Task<bool> CheckBodyAsync(HttpContext http, VerifyBody.Problem problem, string? member)
    {
        switch (problem)
        {
            case VerifyBody.Problem.None:
                return true;
            case VerifyBody.Problem.DuplicateMember:
                await ProblemResponses.WriteAsync(http, StatusCodes.Status400BadRequest, GatewayProblemCodes.VerifyMemberDuplicate, GatewayMessages.Get("verify_member_duplicate.detail", member));
                return false;
            case VerifyBody.Problem.UnknownMember:
                await ProblemResponses.WriteAsync(http, StatusCodes.Status400BadRequest, GatewayProblemCodes.VerifyMemberUnknown, GatewayMessages.Get("verify_member_unknown.detail", member));
                return false;
            default:
                await ProblemResponses.WriteAsync(http, StatusCodes.Status400BadRequest, GatewayProblemCodes.VerifyBodyInvalid, GatewayMessages.Get("verify_body_invalid.detail", VerifyBody.MaxMatchFields));
                return false;
        }
    }

    private sealed record VerifyResult(bool Matched, long Count);
}
