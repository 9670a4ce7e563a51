using DataGateway.Gateway.Forwarding;
using DataGateway.Policy.Decisions;
using DataGateway.Policy.Model;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace DataGateway.Gateway.Tests.Forwarding;

/// <summary>The one upstream request builder the proxy and verify share (issue 12, point 16).</summary>
public class UpstreamRequestBuilderTests
{
    private static readonly Dataset Probe = new(
        "probe", "探针", "dept-probe", "svc-probe", "/probe", "finance", SharingAttribute.Unconditional, true, "district_code", "",
        [new FieldDefinition("id", "编号", "string", FieldLevel.L1, false, MaskRule.None)],
        new HashSet<string>(),
        PriceSchedule.Constant(0m, 0m, 0m),
        maxPageSize: 250);

    private static Decision For(params string[] districts) =>
        Decision.Allow(ReasonCodes.Granted, Probe, [new FieldDecision("id", MaskRule.None)], districts.Length == 0 ? null : districts.ToHashSet(), null, 0m);

    [Fact]
    public void Query_OneDistrictDecided_RemovesTheGatewaysParametersPushesTheDistrictDownAndCapsThePage()
    {
        var query = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase)
        {
            ["fields"] = "id", ["district"] = "310101", ["district_code"] = "310101", ["id"] = "7", ["page"] = "2",
        };

        UpstreamRequestBuilder.Query(query, Probe, For("310104"));

        Assert.Equal(
            new Dictionary<string, string> { ["district_code"] = "310104", ["id"] = "7", ["page"] = "2", ["size"] = "250" },
            query.ToDictionary(p => p.Key, p => p.Value.ToString()));
    }

    [Fact]
    public void Query_SizeGiven_IsKept()
    {
        var query = new Dictionary<string, StringValues>(StringComparer.OrdinalIgnoreCase) { ["size"] = "10" };

        UpstreamRequestBuilder.Query(query, Probe, For());

        Assert.Equal("10", query["size"].ToString());
        Assert.False(query.ContainsKey("district_code"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:9000", "http://127.0.0.1:9000/probe?id=%E7%94%B2&size=250")]
    [InlineData("http://127.0.0.1:9000/", "http://127.0.0.1:9000/probe?id=%E7%94%B2&size=250")]
    [InlineData("http://127.0.0.1:9000/base/", "http://127.0.0.1:9000/base/probe?id=%E7%94%B2&size=250")]
    public void Address_IsFormedAsYarpFormsIt_KeepingAPathPrefix(string destination, string expected)
    {
        var query = new Dictionary<string, StringValues> { ["id"] = "甲", ["size"] = "250" };

        var address = UpstreamRequestBuilder.Address(new Uri(destination), UpstreamRequestBuilder.Path(Probe, null), query);

        Assert.Equal(expected, address.AbsoluteUri);
    }

    [Theory]
    [InlineData(null, "/probe")]
    [InlineData("", "/probe")]
    [InlineData("H1/rooms", "/probe/H1/rooms")]
    public void Path_IsTheDatasetsPathPlusTheRest(string? rest, string expected) =>
        Assert.Equal(expected, UpstreamRequestBuilder.Path(Probe, rest).Value);

    [Fact]
    public void Headers_SayWhoAsksIncludingTheCallersDistrict_AndDropWhatTheCallerSent()
    {
        var http = new DefaultHttpContext { TraceIdentifier = "0123456789abcdef0123456789abcdef" };
        http.Features.Set<Common.Identity.ICallerFeature>(new Caller(new CallerIdentity("district-310104", OrganizationKind.District, "310104")));
        using var request = new HttpRequestMessage();
        request.Headers.TryAddWithoutValidation("Authorization", "Bearer caller");
        request.Headers.TryAddWithoutValidation("x-datagateway-caller-district", "310101");

        UpstreamRequestBuilder.Headers(http, request.Headers, For("310104"));

        Assert.False(request.Headers.Contains("Authorization"));
        Assert.Equal(["310104"], request.Headers.GetValues(UpstreamHeaders.CallerDistrict));
        Assert.Equal(["district-310104"], request.Headers.GetValues(UpstreamHeaders.Caller));
        Assert.Equal(["district"], request.Headers.GetValues(UpstreamHeaders.CallerKind));
        Assert.Equal([http.TraceIdentifier], request.Headers.GetValues(UpstreamHeaders.RequestId));
    }

    private sealed record Caller(CallerIdentity Identity) : Common.Identity.ICallerFeature
    {
        CallerIdentity Common.Identity.ICallerFeature.Caller => Identity;
    }
}
