using System.Reflection;
using Yarp.ReverseProxy.Configuration;

namespace DataGateway.Gateway.Tests.Routing;

public sealed class YarpPackageTests
{
    /// <summary>Regression: YARP 2.1.0 was referenced by HintPath, without System.IO.Hashing, which it needs for session affinity.</summary>
    [Fact]
    public void Yarp_InTheProcess_Is2_3WithItsDependencies()
    {
        var yarp = typeof(IProxyConfigProvider).Assembly;

        Assert.Equal(new Version(2, 3, 0, 0), yarp.GetName().Version);
        var hashing = yarp.GetReferencedAssemblies().Single(a => a.Name == "System.IO.Hashing");
        Assert.NotNull(Assembly.Load(hashing));
    }
}
