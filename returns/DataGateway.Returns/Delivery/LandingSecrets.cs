namespace DataGateway.Returns.Delivery;

/// <summary>
/// Resolves a landing zone's secret reference to the value the worker sends. The catalog stores only the name; the
/// value lives with the worker: a file of that name in <see cref="ReturnWorkerSettings.SecretsDirectory"/> (a mounted
/// Kubernetes Secret) or the setting <c>DataGateway:Returns:Secrets:&lt;name&gt;</c>. Read on every pass, so a rotated
/// secret is used without a restart.
/// </summary>
internal sealed class LandingSecrets(string? directory, IReadOnlyDictionary<string, string> settings)
{
    public string? Resolve(string name)
    {
        if (settings.TryGetValue(name, out var value) && value.Trim() is { Length: > 0 } configured)
        {
            return configured;
        }

        // The name is validated by the catalog (no separators, no dots first), so it never leaves the directory.
        if (directory is { Length: > 0 } && name.IndexOfAny(['/', '\\']) < 0 && !name.StartsWith('.'))
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: > 0 } stored)
            {
                return stored;
            }
        }

        return null;
    }
}
