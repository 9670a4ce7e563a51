namespace DataGateway.Gateway.Forwarding;

internal sealed partial class ResponseFilterStage
{
    private static partial Task FilterBodyAsync(HttpContext http, HttpResponseMessage upstream, Enforcement.IDecisionFeature decided, Hosting.GatewayOptions options, ILogger logger)
        => Task.CompletedTask;
}
