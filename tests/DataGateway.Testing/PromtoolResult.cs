namespace DataGateway.Testing;

/// <summary>What <c>promtool check metrics</c> said: its exit code and everything it printed.</summary>
public sealed record PromtoolResult(int ExitCode, string Output);
