using System.Text.RegularExpressions;
using System.Xml.Linq;
using DataGateway.Testing;

namespace DataGateway.Common.Tests;

/// <summary>The team's rules for the build and the sources that a compiler does not check by itself.</summary>
public sealed partial class RepositoryShapeTests
{
    /// <summary>Regression: YARP came in by PackageDownload with its version in two projects and a HintPath to its DLL.</summary>
    [Fact]
    public void Projects_EveryPackage_TakesItsVersionFromDirectoryPackagesProps()
    {
        var problems = new List<string>();
        foreach (var project in Files("*.csproj"))
        {
            var name = Path.GetRelativePath(RepositoryPaths.Root, project);
            var xml = XDocument.Load(project);
            problems.AddRange(xml.Descendants("PackageReference").Where(e => e.Attribute("Version") is not null || e.Attribute("VersionOverride") is not null)
                .Select(e => $"{name}: {e.Attribute("Include")?.Value} names its own version"));
            problems.AddRange(xml.Descendants("PackageDownload").Select(e => $"{name}: PackageDownload of {e.Attribute("Include")?.Value}"));
            problems.AddRange(xml.Descendants("Reference").Where(e => e.Attribute("HintPath") is not null || e.Element("HintPath") is not null)
                .Select(e => $"{name}: a HintPath reference to {e.Attribute("Include")?.Value}"));
        }

        Assert.Empty(problems);
    }

    [Fact]
    public void DirectoryPackagesProps_IdentityModelFamily_IsPinnedToOneVersion()
    {
        var versions = XDocument.Load(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props")).Descendants("PackageVersion")
            .Where(e => e.Attribute("Include")!.Value is var id && (id.StartsWith("Microsoft.IdentityModel.", StringComparison.Ordinal) || id == "System.IdentityModel.Tokens.Jwt"))
            .ToDictionary(e => e.Attribute("Include")!.Value, e => e.Attribute("Version")!.Value);

        Assert.Contains("Microsoft.IdentityModel.Protocols.OpenIdConnect", versions.Keys);
        Assert.All(versions, v => Assert.Equal("8.23.0", v.Value));
    }

    /// <summary>Regression: the field filter's FilterSession was one file of 1,014 lines.</summary>
    [Theory]
    [InlineData("gateway")]
    [InlineData("common")]
    [InlineData("policy")]
    [InlineData("ledger")]
    [InlineData("demo")]
    [InlineData("bench")]
    public void Sources_EveryFile_HasAtMost400Lines(string folder)
    {
        var tooLong = Files("*.cs", folder)
            .Select(f => (File: Path.GetRelativePath(RepositoryPaths.Root, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 400)
            .Select(f => $"{f.File}: {f.Lines} lines");

        Assert.Empty(tooLong);
    }

    private static IEnumerable<string> Files(string pattern, string folder = "") =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), pattern, SearchOption.AllDirectories)
            .Where(f => !BuildOutput().IsMatch(f));

    [GeneratedRegex(@"[\\/](bin|obj|\.data|node_modules)[\\/]")]
    private static partial Regex BuildOutput();
}
