using DataGateway.Catalog.Identity;
using DataGateway.Catalog.Problems;
using DataGateway.Catalog.Storage;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Engine;
using DataGateway.Policy.Model;
using DataGateway.Policy.Opa;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DataGateway.Catalog.Explain;

/// <summary>
/// <c>POST /v1/explain</c> (admins): "why was this call denied" without reading logs. Decides the described call the
/// way a gateway would — the built-in engine over the current catalog, then OPA when configured — and answers the
/// decision with each engine's part and what its reason code means, in Chinese and English.
/// </summary>
/// <remarks>
/// Only the policy is explained. What a gateway checks besides (the day's quota, filters on masked fields, paging)
/// depends on the call's moment and its query string; their codes are in the explanation table all the same.
/// </remarks>
public static class ExplainApi
{
    private static readonly CatalogPolicyEngine Engine = new();

    public static IEndpointRouteBuilder MapExplainApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/explain", ExplainAsync).RequireAdmin().WithTags("Explain")
            .WithSummary("解释一次调用的决策 Explain the decision on a call");
        return app;
    }

    public static async Task<Results<Ok<ExplainView>, ValidationProblem>> ExplainAsync(
        ExplainBody body, SnapshotCache snapshots, ExplainPolicy opa, TimeProvider time, CancellationToken cancellationToken)
    {
        var validation = Validate(body);
        if (!validation.IsValid)
        {
            return CatalogProblems.Validation(validation.Errors);
        }

        var snapshot = await snapshots.CurrentAsync(cancellationToken);
        var request = new AccessRequest(
            CallerOf(snapshot, body.Caller!),
            body.Dataset!,
            body.Action switch { "verify" => DataAction.Verify, "return" => DataAction.Return, _ => DataAction.Query },
            body.Fields?.Distinct(StringComparer.Ordinal).ToArray(),
            body.District,
            body.At ?? time.GetUtcNow());
        var builtIn = Engine.Decide(snapshot, request);
        var rules = new List<ExplainedRule> { Rule("builtin", builtIn) };
        var decision = builtIn;
        if (builtIn.Allowed && opa.Policy is { } policy)
        {
            var external = await policy.DecideAsync(snapshot, request, builtIn, body.ClientAddress, cancellationToken);
            decision = external.Decision;
            var (zh, en) = ReasonExplanations.For(OpaCode(external));
            rules.Add(new ExplainedRule("opa", external.Decision.Allowed, OpaCode(external), zh, en,
                external.Verdict?.Reason, external.Verdict?.Rules.ToArray(), external.Verdict?.BundleRevision));
        }

        return TypedResults.Ok(new ExplainView(
            decision.Allowed,
            decision.ReasonCode,
            [.. decision.Fields.Select(f => new ExplainedField(f.Name, f.Mask.ToString()))],
            decision.Districts?.Order(StringComparer.Ordinal).ToArray(),
            [.. decision.DeniedFields],
            decision.Allowed ? decision.Grant?.Id : null,
            snapshot.Version,
            [.. rules]));
    }

    /// <summary>OPA's part: its failure or deny code, or <c>external_policy_allowed</c> when it let the call through.</summary>
    private static string OpaCode(ExternalDecision external) =>
        external.Decision.Allowed ? ExternalPolicyAllowed : external.Decision.ReasonCode;

    /// <summary>The code of OPA's part when it allowed (possibly narrowed); never a call's reason.</summary>
    public const string ExternalPolicyAllowed = "external_policy_allowed";

    private static ExplainedRule Rule(string source, Decision decision)
    {
        var (zh, en) = ReasonExplanations.For(decision.ReasonCode);
        return new ExplainedRule(source, decision.Allowed, decision.ReasonCode, zh, en);
    }

    /// <summary>The caller as the catalog holds it; an organization it does not hold is explained as caller_unknown.</summary>
    private static CallerIdentity CallerOf(CatalogSnapshot snapshot, string id) =>
        snapshot.FindOrganization(id) is { } organization
            ? new CallerIdentity(organization.Id, organization.Kind, organization.DistrictCode)
            : new CallerIdentity(id, OrganizationKind.Operator, null);

    private static Validation Validate(ExplainBody body)
    {
        var validation = new Validation();
        validation.Identifier("caller", body.Caller);
        validation.Identifier("dataset", body.Dataset);
        if (body.Action is not (null or "query" or "verify" or "return"))
        {
            validation.Add("action", CatalogMessages.Get("validation.explain_action"));
        }

        if (body.District is not null && !Validation.IsDistrictCode(body.District))
        {
            validation.Add("district", CatalogMessages.Get("validation.explain_district"));
        }

        if (body.Fields is { } fields && (fields.Length is 0 or > 1000 || fields.Any(f => string.IsNullOrWhiteSpace(f) || f.Length > 200)))
        {
            validation.Add("fields", CatalogMessages.Get("validation.explain_fields"));
        }

        if (body.ClientAddress is not null && !System.Net.IPAddress.TryParse(body.ClientAddress, out _))
        {
            validation.Add("clientAddress", CatalogMessages.Get("validation.explain_client_address"));
        }

        return validation;
    }
}
