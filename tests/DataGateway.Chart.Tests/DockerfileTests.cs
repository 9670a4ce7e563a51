using DataGateway.Testing;

namespace DataGateway.Chart.Tests;

/// <summary>
/// Issue 16, point 1: one Dockerfile per deployable — multi-stage, the runtime stage without the SDK, non-root, a
/// health check, and an entry point that is the project's own assembly. No container engine runs here, so this reads
/// the files; the chart's README says how to build them.
/// </summary>
public sealed class DockerfileTests
{
    public static TheoryData<string, string> Deployables => new()
    {
        { "gateway/Dockerfile", "gateway/DataGateway.Gateway" },
        { "catalog/Dockerfile", "catalog/DataGateway.Catalog" },
        { "returns/Dockerfile", "returns/DataGateway.Returns.Worker" },
    };

    [Theory]
    [MemberData(nameof(Deployables))]
    public void Dockerfile_IsMultiStageNonRootWithAHealthCheck(string dockerfile, string project)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, dockerfile)).Where(l => !l.TrimStart().StartsWith('#')).ToList();
        var stages = lines.Select((line, index) => (line, index)).Where(l => l.line.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        // The catalog's image has one more stage first, Node building the web console; the runtime is the last.
        Assert.Equal(project == "catalog/DataGateway.Catalog" ? 3 : 2, stages.Count);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", stages[^2].line);
        Assert.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:10.0", stages[^1].line);

        var runtime = lines.Skip(stages[^1].index).ToList();
        Assert.Contains("USER app", runtime);
        Assert.Contains(runtime, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.DoesNotContain(runtime, l => l.Contains("dotnet publish", StringComparison.Ordinal) || l.Contains("dotnet build", StringComparison.Ordinal));
        Assert.Contains(runtime, l => l == "COPY --from=build /app ./");

        Assert.Contains(lines, l => l.Contains($"dotnet publish {project}/{Path.GetFileName(project)}.csproj", StringComparison.Ordinal));
        var entry = Assert.Single(runtime, l => l.StartsWith("ENTRYPOINT ", StringComparison.Ordinal));
        var dll = Path.GetFileName(RepositoryPaths.ProgramDll(project));
        Assert.Equal($"ENTRYPOINT [\"dotnet\", \"{dll}\"]", entry);
    }

    /// <summary>The console's files come from the Node stage into the SDK's, which then skips the npm steps.</summary>
    [Fact]
    public void CatalogDockerfile_BuildsTheConsoleWithNodeAndPublishesItWithoutNpm()
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, "catalog/Dockerfile"));
        Assert.Contains(lines, l => l.StartsWith("FROM node:20", StringComparison.Ordinal) && l.EndsWith(" AS console", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("npm ci", StringComparison.Ordinal));
        Assert.Contains("COPY --from=console /console/dist console/dist", lines);
        Assert.Contains(lines, l => l.Contains("dotnet publish", StringComparison.Ordinal) && l.Contains("/p:SkipConsoleBuild=true", StringComparison.Ordinal));
    }

    [Fact]
    public void DockerIgnore_KeepsStateAndKeysOutOfTheImages()
    {
        var ignored = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, ".dockerignore"));
        Assert.Contains(".data/", ignored);
        Assert.Contains(".git/", ignored);
        Assert.Contains("**/*.pem", ignored);
        Assert.Contains("**/bin/", ignored);
    }
}
