using DataGateway.Common.Metrics;

namespace DataGateway.Common.Tests.Metrics;

public class PrometheusNamesTests
{
    [Theory]
    [InlineData("datagateway.ledger.commit.duration", "s", false, "datagateway_ledger_commit_duration_seconds")]
    [InlineData("datagateway.response.size", "By", false, "datagateway_response_size_bytes")]
    [InlineData("datagateway.ledger.batch.size", "{record}", false, "datagateway_ledger_batch_size")]
    [InlineData("datagateway.calls", "{call}", true, "datagateway_calls_total")]
    [InlineData("datagateway.calls", null, true, "datagateway_calls_total")]
    [InlineData("datagateway.calls.total", "", true, "datagateway_calls_total")]
    [InlineData("datagateway.bytes", "By", true, "datagateway_bytes_total")]
    [InlineData("datagateway.sent", "By", true, "datagateway_sent_bytes_total")]
    [InlineData("datagateway.upstream.latency", "ms", false, "datagateway_upstream_latency_milliseconds")]
    [InlineData("datagateway.throughput", "By/s", false, "datagateway_throughput_bytes_per_second")]
    [InlineData("datagateway.rate", "{call}/s", false, "datagateway_rate_per_second")]
    [InlineData("datagateway.ratio", "1", false, "datagateway_ratio")]
    [InlineData("data-gateway/odd name", null, false, "data_gateway_odd_name")]
    [InlineData("2xx.responses", null, true, "_2xx_responses_total")]
    [InlineData("job:calls:rate", null, false, "job:calls:rate")]
    [InlineData("数据.calls", null, false, "___calls")]
    public void MetricName_FollowsPrometheusConventions(string instrument, string? unit, bool isCounter, string expected)
    {
        Assert.Equal(expected, PrometheusNames.MetricName(instrument, unit, isCounter));
    }

    [Theory]
    [InlineData("dataset", "dataset")]
    [InlineData("http.response.status_code", "http_response_status_code")]
    [InlineData("caller-kind", "caller_kind")]
    [InlineData("a:b", "a_b")]
    [InlineData("1st", "_1st")]
    public void LabelName_KeepsOnlyLegalCharacters(string tagKey, string expected)
    {
        Assert.Equal(expected, PrometheusNames.LabelName(tagKey));
    }
}
