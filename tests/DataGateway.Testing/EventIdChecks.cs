using System.Reflection;
using Microsoft.Extensions.Logging;

namespace DataGateway.Testing;

/// <summary>
/// Checks that a service's log messages take their event ids from its one <c>EventIds</c> class: every
/// <c>[LoggerMessage]</c> in the assembly has an id, the id is one of the class's constants, and no id is used twice
/// (neither by two messages nor by two constants).
/// </summary>
public static class EventIdChecks
{
    private const BindingFlags Everything = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly;

    /// <summary>The <c>[LoggerMessage]</c> methods of <paramref name="assembly"/>, by name, with their event ids.</summary>
    public static IReadOnlyList<(string Method, int EventId)> Messages(Assembly assembly) =>
        [.. assembly.GetTypes()
            .SelectMany(t => t.GetMethods(Everything))
            .Select(m => (Method: m, Attribute: m.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => ($"{x.Method.DeclaringType!.FullName}.{x.Method.Name}", x.Attribute!.EventId))];

    /// <summary>What is wrong, one line each; empty when every message names a unique id of <paramref name="eventIds"/>.</summary>
    public static IReadOnlyList<string> Problems(Assembly assembly, Type eventIds)
    {
        var constants = eventIds.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(int))
            .Select(f => (f.Name, Id: (int)f.GetRawConstantValue()!))
            .ToList();
        var known = constants.Select(c => c.Id).ToHashSet();
        var messages = Messages(assembly);
        var problems = new List<string>();
        problems.AddRange(constants.GroupBy(c => c.Id).Where(g => g.Count() > 1)
            .Select(g => $"{eventIds.Name} gives {g.Key} to {string.Join(" and ", g.Select(c => c.Name))}"));
        problems.AddRange(messages.Where(m => m.EventId == 0).Select(m => $"{m.Method} has no event id"));
        problems.AddRange(messages.Where(m => m.EventId != 0 && !known.Contains(m.EventId))
            .Select(m => $"{m.Method} uses event id {m.EventId}, which {eventIds.Name} does not hold"));
        problems.AddRange(messages.GroupBy(m => m.EventId).Where(g => g.Key != 0 && g.Count() > 1)
            .Select(g => $"event id {g.Key} is used by {string.Join(" and ", g.Select(m => m.Method))}"));
        return problems;
    }
}
