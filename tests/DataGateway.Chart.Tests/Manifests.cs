using YamlDotNet.RepresentationModel;

namespace DataGateway.Chart.Tests;

/// <summary>Reading rendered Kubernetes objects.</summary>
public static class Manifests
{
    public static string Kind(this YamlMappingNode node) => node.Scalar("kind") ?? "";

    public static string Name(this YamlMappingNode node) => node.Map("metadata")?.Scalar("name") ?? "";

    public static string? Scalar(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? (value as YamlScalarNode)?.Value : null;

    public static YamlMappingNode? Map(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value as YamlMappingNode : null;

    public static IEnumerable<YamlMappingNode> List(this YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlSequenceNode list
            ? list.Children.OfType<YamlMappingNode>()
            : [];

    /// <summary>The containers of a Deployment's pod, by component (<c>app.kubernetes.io/component</c>).</summary>
    public static IEnumerable<(string Component, YamlMappingNode Container)> Containers(IEnumerable<YamlMappingNode> objects) =>
        from deployment in objects.Where(o => o.Kind() == "Deployment")
        let component = deployment.Map("metadata")!.Map("labels")!.Scalar("app.kubernetes.io/component")!
        from container in deployment.Map("spec")!.Map("template")!.Map("spec")!.List("containers")
        select (component, container);

    /// <summary>The environment variables the chart gives one application's container.</summary>
    public static IReadOnlyList<string> EnvironmentOf(IEnumerable<YamlMappingNode> objects, string component) =>
        Containers(objects).Where(c => c.Component == component && c.Container.Scalar("name") == component)
            .SelectMany(c => c.Container.List("env")).Select(e => e.Scalar("name")!).ToList();
}
