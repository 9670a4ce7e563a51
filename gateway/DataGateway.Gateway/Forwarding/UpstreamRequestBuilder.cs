using System.Globalization;
using System.Net.Http.Headers;
using DataGateway.Common.Identity;
using DataGateway.Gateway.Enforcement;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace DataGateway.Gateway.Forwarding;

/// <summary>
/// The one description of what a department's service receives for an allowed call, used by the proxy
/// (<see cref="UpstreamRequestTransform"/>) and by verify alike, so that the two can never drift apart: the path, the
/// query with the district pushed down and the page capped, and the headers.
/// </summary>
internal static class UpstreamRequestBuilder
{
    /// <summary>The dataset's path on its service plus the canonical rest of the caller's path (already checked by the path guard).</summary>
    public static PathString Path(Dataset dataset, string? rest)
    {
        var basePath = dataset.Path.TrimEnd('/');
        return new PathString(string.IsNullOrEmpty(rest) ? (basePath.Length == 0 ? "/" : basePath) : basePath + "/" + rest);
    }

    /// <summary>
    /// The address of an upstream request as YARP forms it from a destination: the destination's address, without a
    /// trailing slash, followed by the path and the query (a destination with a path prefix keeps it).
    /// </summary>
    public static Uri Address(Uri destination, PathString path, IDictionary<string, StringValues> query) =>
        new(destination.AbsoluteUri.TrimEnd('/') + path.ToUriComponent() + QueryString.Create(query).ToUriComponent());

    /// <summary>
    /// Turns the call's checked query into the upstream's: the gateway's own parameters removed, the decided district
    /// pushed down, and a size when the caller named none.
    /// </summary>
    /// <param name="query">Case-insensitive, as both the server and YARP collect it; changed in place.</param>
    /// <param name="consent">The consent the call was verified under, if any: its subject is pushed down too.</param>
    public static void Query(IDictionary<string, StringValues> query, Dataset dataset, Decision decision, IConsentFeature? consent = null)
    {
        query.Remove(GatewayParameters.Fields);
        query.Remove(GatewayParameters.District);
        PushDownDistrict(query, dataset, decision.Districts);
        PushDownSubject(query, dataset, consent);

        // Without a size the department's own default would decide the page, and it may be larger than the cap. Asking
        // for the cap keeps the page within it and keeps page numbers meaning the same rows to the caller and the
        // upstream (the filter also stops at the cap, for an upstream that ignores size).
        if (!query.ContainsKey(GatewayParameters.Size))
        {
            query[GatewayParameters.Size] = dataset.MaxPageSize.ToString(CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// The upstream request's headers: none of the caller's credentials or of the gateway's own headers as a caller
    /// sent them, then the gateway's statement of who asks. The one place headers are decided, for both paths.
    /// </summary>
    public static void Headers(HttpContext http, HttpRequestHeaders headers, Decision decision)
    {
        // Nothing of the caller's goes out but the allow-list's headers; whatever YARP or another transform put there
        // first is cleared too.
        headers.Clear();
        ForwardedRequestHeaders.CopyTo(http.Request.Headers, headers);

        var caller = http.Features.GetRequiredFeature<ICallerFeature>().Caller;
        headers.TryAddWithoutValidation(UpstreamHeaders.Caller, caller.OrganizationId);
        headers.TryAddWithoutValidation(UpstreamHeaders.CallerKind, caller.Kind.ToString().ToLowerInvariant());
        if (caller.DistrictCode is not null)
        {
            headers.TryAddWithoutValidation(UpstreamHeaders.CallerDistrict, caller.DistrictCode);
        }

        if (decision.Grant is { } grant)
        {
            headers.TryAddWithoutValidation(UpstreamHeaders.Grant, grant.Id);
        }

        headers.TryAddWithoutValidation(UpstreamHeaders.RequestId, http.TraceIdentifier);
    }

    /// <summary>
    /// Under a consent, ask the upstream for the subject's rows only, replacing whatever the caller asked for on that
    /// field (the query is case-insensitive, so no case variant survives). As with the district, the response filter
    /// still drops every row of another subject: this keeps pages full, it is not the control.
    /// </summary>
    private static void PushDownSubject(IDictionary<string, StringValues> query, Dataset dataset, IConsentFeature? consent)
    {
        if (consent is not null && dataset.ConsentSubjectField is { } field && !field.Contains('.'))
        {
            query[field] = consent.Subject;
        }
    }

    /// <summary>
    /// When the decision allows one district's rows, ask the upstream for that district only, so a page holds rows
    /// the caller may see. The gateway still drops every other row itself: this is an optimisation, not the control.
    /// </summary>
    private static void PushDownDistrict(IDictionary<string, StringValues> query, Dataset dataset, IReadOnlySet<string>? districts)
    {
        if (districts is { Count: 1 } && dataset.DistrictField is { } field && !field.Contains('.'))
        {
            query[field] = districts.First();
        }
    }
}
