namespace DataGateway.Common.Problems;

/// <summary>
/// The one <c>type</c> scheme of both services' problem answers: a URI per stable code, so a client that keys on
/// <c>type</c> and one that keys on <c>code</c> read the same thing whichever service answered.
/// </summary>
public static class ProblemTypes
{
    public const string Base = "https://datagateway.local/problems/";

    public static string For(string code) => Base + code;
}
