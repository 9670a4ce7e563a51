using System.ComponentModel.DataAnnotations;
using DataGateway.Policy.Opa;

namespace DataGateway.Policy.Tests.Opa;

/// <summary><c>DataGateway:Policy:Opa</c> is checked at start: a wrong value stops the process instead of asking nobody.</summary>
public sealed class OpaOptionsTests
{
    private static List<ValidationResult> Validate(OpaOptions options)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results;
    }

    [Fact]
    public void Validate_NoUrl_IsValidAndOff()
    {
        var options = new OpaOptions();

        Assert.Empty(Validate(options));
        Assert.False(options.Enabled);
    }

    [Fact]
    public void Validate_Defaults_WithAUrl_AreValid() =>
        Assert.Empty(Validate(new OpaOptions { Url = new Uri("http://127.0.0.1:8181") }));

    [Theory]
    [InlineData("ftp://opa:8181", "datagateway/access/decision", 500, 5000)]
    [InlineData("http://user:secret@opa:8181", "datagateway/access/decision", 500, 5000)]
    [InlineData("http://opa:8181/?x=1", "datagateway/access/decision", 500, 5000)]
    [InlineData("http://opa:8181", "", 500, 5000)]
    [InlineData("http://opa:8181", "/datagateway/access", 500, 5000)]
    [InlineData("http://opa:8181", "datagateway/../system", 500, 5000)]
    [InlineData("http://opa:8181", "datagateway//access", 500, 5000)]
    [InlineData("http://opa:8181", "datagateway/access%2Fx", 500, 5000)]
    [InlineData("http://opa:8181", "datagateway/access", 0, 5000)]
    [InlineData("http://opa:8181", "datagateway/access", 60_000, 5000)]
    [InlineData("http://opa:8181", "datagateway/access", 500, -1)]
    [InlineData("http://opa:8181", "datagateway/access", 500, 600_000)]
    public void Validate_BadValue_IsRefused(string url, string path, int timeoutMs, int ttlMs)
    {
        var options = new OpaOptions
        {
            Url = new Uri(url),
            Path = path,
            Timeout = TimeSpan.FromMilliseconds(timeoutMs),
            RetryDelay = TimeSpan.Zero,
            CacheTtl = TimeSpan.FromMilliseconds(ttlMs),
        };

        Assert.NotEmpty(Validate(options));
    }

    [Fact]
    public void Validate_TooManyRetries_IsRefused() =>
        Assert.NotEmpty(Validate(new OpaOptions { Url = new Uri("http://opa:8181"), MaxRetries = 50 }));
}
