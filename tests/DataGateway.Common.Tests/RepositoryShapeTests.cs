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

    /// <summary>
    /// Regression: the field filter's FilterSession was one file of 1,014 lines; the catalog and the tests were not
    /// checked, and ResponseFieldFilterTests had grown to 540.
    /// </summary>
    [Theory]
    [InlineData("gateway")]
    [InlineData("common")]
    [InlineData("policy")]
    [InlineData("ledger")]
    [InlineData("demo")]
    [InlineData("bench")]
    [InlineData("catalog")]
    [InlineData("tests")]
    public void Sources_EveryFile_HasAtMost400Lines(string folder)
    {
        var tooLong = Files("*.cs", folder)
            .Select(f => (File: Path.GetRelativePath(RepositoryPaths.Root, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > 400)
            .Select(f => $"{f.File}: {f.Lines} lines");

        Assert.Empty(tooLong);
    }

    /// <summary>
    /// Regression (issue 13 point 5): <c>DatasetsApi</c> checked its references and <c>TransferApi</c> exported with
    /// SQL of their own. An API file maps and decides; what it reads or writes, a store or a reader beside it does.
    /// </summary>
    [Fact]
    public void CatalogApiFiles_HoldNoSqlOrCommands()
    {
        var apiFiles = Files("*Api.cs", "catalog").ToList();
        Assert.Contains(apiFiles, f => Path.GetFileName(f) == "TransferApi.cs");
        var found = apiFiles
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(RepositoryPaths.Root, f), Line: i + 1, Text: line)))
            .Where(l => SqlOrStorageCode().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}");

        Assert.Empty(found);
    }

    /// <summary>SQL verbs as a statement begins them, and ADO.NET commands (by type or by the transaction's own factory).</summary>
    [GeneratedRegex(@"NpgsqlCommand|NpgsqlBatch|\bselect\s|\binsert\s|\bupdate\s|\bdelete\s+from\b|\.Command\(|\.Execute(Reader|Scalar|NonQuery)", RegexOptions.IgnoreCase)]
    private static partial Regex SqlOrStorageCode();

    /// <summary>
    /// Issue 13, point 1: the ledger's tables moved out of the catalog's store into the ledger project, and the ledger
    /// depends on the catalog neither at build time nor at run time (it used to need the catalog's migrations for
    /// its own tables). No project the ledger library or its CLI references, directly or through another, is the
    /// catalog's.
    /// </summary>
    [Theory]
    [InlineData("ledger/DataGateway.Ledger/DataGateway.Ledger.csproj")]
    [InlineData("ledger/DataGateway.Ledger.Cli/DataGateway.Ledger.Cli.csproj")]
    public void LedgerProjects_ReferenceNoCatalogProject_EvenIndirectly(string project)
    {
        var references = ProjectReferencesOf(Path.Combine(RepositoryPaths.Root, project))
            .Select(p => Path.GetRelativePath(RepositoryPaths.Root, p).Replace('\\', '/'))
            .ToList();

        Assert.Contains("common/DataGateway.Schema/DataGateway.Schema.csproj", references);
        Assert.DoesNotContain(references, r => r.StartsWith("catalog/", StringComparison.Ordinal) || r.StartsWith("gateway/", StringComparison.Ordinal));
    }

    /// <summary>
    /// Issue 13, point 1: each table is created by the project that owns it. The catalog's scripts create none of the
    /// ledger's or the quota leases' objects, the ledger's none of the others', the gateway's only the quota leases.
    /// </summary>
    [Theory]
    [InlineData("catalog/DataGateway.Catalog.Store/Schema", "ledger_", "quota_")]
    [InlineData("ledger/DataGateway.Ledger/Schema", "catalog_", "quota_", "mt_")]
    [InlineData("gateway/DataGateway.Gateway/Quotas/Schema", "catalog_", "ledger_", "mt_")]
    public void SchemaScripts_CreateOnlyTheirOwnersObjects(string folder, params string[] foreignPrefixes)
    {
        var scripts = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), "*.sql").ToList();
        var created = scripts
            .SelectMany(f => CreatedObject().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Name: m.Groups["name"].Value)))
            .ToList();

        Assert.NotEmpty(created);
        Assert.Empty(created.Where(c => foreignPrefixes.Any(p => c.Name.StartsWith(p, StringComparison.Ordinal))).Select(c => $"{folder}/{c.File} creates {c.Name}"));
    }

    private static HashSet<string> ProjectReferencesOf(string project, HashSet<string>? seen = null)
    {
        seen ??= new HashSet<string>(StringComparer.Ordinal);
        foreach (var include in XDocument.Load(project).Descendants("ProjectReference").Select(e => e.Attribute("Include")!.Value))
        {
            var referenced = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(project)!, include.Replace('\\', '/')));
            if (seen.Add(referenced))
            {
                ProjectReferencesOf(referenced, seen);
            }
        }

        return seen;
    }

    [GeneratedRegex(@"create\s+(?:or\s+replace\s+)?(?:table|function|sequence|trigger|index|view)\s+(?:if\s+not\s+exists\s+)?(?<name>[a-z_][a-z0-9_]*)", RegexOptions.IgnoreCase)]
    private static partial Regex CreatedObject();

    private static IEnumerable<string> Files(string pattern, string folder = "") =>
        Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, folder), pattern, SearchOption.AllDirectories)
            .Where(f => !BuildOutput().IsMatch(f));

    [GeneratedRegex(@"[\\/](bin|obj|\.data|node_modules)[\\/]")]
    private static partial Regex BuildOutput();
}
