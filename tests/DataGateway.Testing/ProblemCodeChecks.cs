using System.Reflection;
using System.Text.RegularExpressions;

namespace DataGateway.Testing;

/// <summary>Checks that an assembly's problem codes are declared in its one class of codes and nowhere else.</summary>
public static partial class ProblemCodeChecks
{
    private const BindingFlags AnyStatic = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>The values of <paramref name="type"/>'s <c>const string</c> fields.</summary>
    public static IReadOnlyList<string> Codes(Type type) =>
        [.. type.GetFields(AnyStatic).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (string)f.GetRawConstantValue()!)];

    /// <summary>
    /// Every <c>const string</c> of <paramref name="assembly"/> shaped like a code (lower-case words joined by
    /// underscores) that is declared outside <paramref name="codes"/>, as <c>Type.Field = value</c>.
    /// </summary>
    public static IReadOnlyList<string> DeclaredElsewhere(Assembly assembly, Type codes) =>
        [.. assembly.GetTypes()
            .Where(t => t != codes)
            .SelectMany(t => t.GetFields(AnyStatic).Where(f => f.IsLiteral && f.FieldType == typeof(string)).Select(f => (Type: t, Field: f)))
            .Select(x => (x.Type, x.Field, Value: (string)x.Field.GetRawConstantValue()!))
            .Where(x => CodeShape().IsMatch(x.Value))
            .Select(x => $"{x.Type.FullName}.{x.Field.Name} = {x.Value}")];

    [GeneratedRegex(@"^[a-z][a-z0-9]*(_[a-z0-9]+)+$")]
    private static partial Regex CodeShape();
}
