using Microsoft.AspNetCore.Http.Features;
using DataGateway.Common.Identity;
using DataGateway.Common.Problems;
using DataGateway.Gateway.CatalogSync;
using DataGateway.Gateway.Consent;
using DataGateway.Gateway.Metering;
using DataGateway.Gateway.Quotas;
using DataGateway.Gateway.Routing;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Engine;
using Yarp.ReverseProxy.Model;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Enforcement;

/// <summary>
/// The proxy pipeline's decision stage: asks the policy engine about the call, refuses it with its reason, or
/// records the decision for the stages after it and picks the district instance to forward to.
/// </summary>
/// <remarks>
/// Every query parameter is accounted for: the gateway's own (<c>fields</c>, <c>district</c>), paging (checked here,
/// capped by the dataset's <c>maxPageSize</c>), and filters on fields the decision returns unmasked
/// (<see cref="FilterRules"/>). A filter on any other field would let a caller probe values it may not see (does a
/// record with this identity number exist?), so it is refused, never forwarded.
/// </remarks>
internal sealed class DecisionMiddleware(
    RequestDelegate next,
    CatalogSnapshotHolder holder,
    IPolicyEngine engine,
    ExternalPolicyGate external,
    TimeProvider time,
    DestinationIndex destinations,
    QuotaGate quotas,
    ILogger<DecisionMiddleware> logger)
{
    public async Task Invoke(HttpContext context)
    {
        var proxy = context.GetReverseProxyFeature();
        var code = (string)context.GetRouteValue(CatalogProxyConfigProvider.DatasetRouteValue)!;
        var caller = context.Features.GetRequiredFeature<ICallerFeature>().Caller;
        var snapshot = holder.Current;
        var parameters = await CallParameters.ReadAsync(context);
        if (parameters is null)
        {
            return;
        }

        var request = new AccessRequest(caller, code, DataAction.Query, parameters.Fields, parameters.District, time.GetUtcNow());
        var decisionId = DecisionIds.Assign(context);
        var decision = engine.Decide(snapshot, request);
        string? policyRevision = null;
        if (decision.Allowed && external.Policy is { } policy)
        {
            // Both must allow: OPA is asked only about what the built-in engine allowed, and may only narrow it.
            var heard = await external.DecideAsync(policy, snapshot, request, decision, context, decisionId);
            (decision, policyRevision) = (heard.Decision, heard.Verdict?.BundleRevision);
        }

        DecisionIds.Record(context, logger, decisionId, decision, snapshot.Version, policyRevision);
        var call = context.Features.Get<CallRecord>();
        call?.Decided(decision, snapshot.Version);
        if (!decision.Allowed)
        {
            await DenyResponses.WriteAsync(context, decision);
            return;
        }

        var dataset = decision.Dataset!;
        if (ConsentCheck.Applies(dataset, caller))
        {
            decision = await CheckConsentAsync(context, snapshot, decision, parameters.Fields, call, LedgerActions.Query);
            if (!decision.Allowed)
            {
                return;
            }
        }

        var filters = FilterRules.Check(context.Request.Query, decision);
        if (filters.Deny is { } deny)
        {
            call?.Decided(deny, snapshot.Version);
            await DenyResponses.WriteAsync(context, deny);
            return;
        }

        if (filters.NotAllowed is { } key)
        {
            await WriteNotAllowedAsync(context, GatewayMessages.Get("parameter_not_allowed.detail", key, dataset.Code));
            return;
        }

        if (parameters.Size > dataset.MaxPageSize)
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, GatewayProblemCodes.PageSizeTooLarge,
                GatewayMessages.Get("page_size_too_large.detail", dataset.Code, dataset.MaxPageSize),
                new Dictionary<string, object?> { ["maxPageSize"] = dataset.MaxPageSize });
            return;
        }

        var service = snapshot.FindService(dataset.ServiceId)!;
        string? routeDistrict = null;
        if (service.IsPerDistrict)
        {
            routeDistrict = parameters.District ?? caller.DistrictCode;
            if (routeDistrict is null)
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, GatewayProblemCodes.DistrictRequired, GatewayMessages.Get("district_required.detail", dataset.Code));
                return;
            }

            if (!service.DistrictAddresses.ContainsKey(routeDistrict))
            {
                await ProblemResponses.WriteAsync(context, StatusCodes.Status404NotFound, GatewayProblemCodes.DistrictUnknown, GatewayMessages.Get("district_unknown.detail", dataset.Code, routeDistrict));
                return;
            }
        }

        var destination = destinations.Find(proxy.AllDestinations, CatalogProxyConfigProvider.DestinationId(service, routeDistrict));
        if (destination is null)
        {
            // The snapshot is newer than YARP's configuration for a moment after a catalog change.
            context.Response.Headers.RetryAfter = "1";
            await ProblemResponses.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, GatewayProblemCodes.CatalogReloading, GatewayMessages.Get("catalog_reloading.detail"));
            return;
        }

        // Last: only a call that will be forwarded counts against its grant's quota.
        var verdict = await quotas.TryTakeAsync(decision.Grant, context.RequestAborted);
        if (verdict is QuotaVerdict.Exceeded or QuotaVerdict.Unavailable)
        {
            await QuotaResponses.WriteAsync(context, verdict, decision, snapshot.Version, LedgerActions.Query, quotas);
            return;
        }

        proxy.AvailableDestinations = [destination];
        context.Features.Set<IDecisionFeature>(new DecisionFeature(decision, snapshot, dataset, service, routeDistrict));
        await next(context);
    }

    /// <summary>
    /// Checks the consent a call needs and answers its refusal; on success the consent is on the call's features (the
    /// response filter's row rule, the upstream's subject filter) and in its ledger record, and the decision returned
    /// is narrowed to the consented fields. Shared by the data API and verify.
    /// </summary>
    public static async Task<Decision> CheckConsentAsync(
        HttpContext context, Policy.Model.CatalogSnapshot snapshot, Decision decision, IReadOnlyList<string>? requestedFields, CallRecord? call, string action)
    {
        var consents = context.RequestServices.GetRequiredService<ConsentCheck>();
        var outcome = await consents.CheckAsync(context, snapshot, decision, requestedFields);
        if (outcome.Consent is { } consent)
        {
            call?.Consented(consent.Id, consent.Subject);
        }

        call?.Decided(outcome.Decision, snapshot.Version, action);
        if (!outcome.Allowed)
        {
            await DenyResponses.WriteAsync(context, outcome.Decision);
            return outcome.Decision;
        }

        context.Features.Set<IConsentFeature>(new ConsentFeature(outcome.Consent!.Id, outcome.Consent.Subject, outcome.Consent.Fields));
        return outcome.Decision;
    }

    /// <summary>The answer to a query parameter the call does not take (the data API's and verify's).</summary>
    public static Task WriteNotAllowedAsync(HttpContext context, string detail) =>
        ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, GatewayProblemCodes.ParameterNotAllowed, detail);
}
