using System.Reflection;

namespace DataGateway.Testing;

/// <summary>Where things are in the checkout the tests run from.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(() =>
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DataGateway.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("The tests must run inside the repository (DataGateway.sln not found).");
    });

    public static string Root => LazyRoot.Value;

    /// <summary>The build configuration the tests were built with; the processes they start were built with the same.</summary>
    public static string Configuration =>
        typeof(RepositoryPaths).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    /// <summary>The built assembly of one of the repository's programs, e.g. <c>gateway/DataGateway.Gateway</c>.</summary>
    public static string ProgramDll(string projectFolder)
    {
        var name = Path.GetFileName(projectFolder);
        var path = Path.Combine(Root, projectFolder, "bin", Configuration, "net10.0", name + ".dll");
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is not built; run dotnet build first.", path);
    }
}
