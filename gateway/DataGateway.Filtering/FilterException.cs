namespace DataGateway.Filtering;

/// <summary>Unwinds a filter run with one of <see cref="FilterErrorCodes"/>; never escapes <see cref="ResponseFieldFilter"/>.</summary>
internal sealed class FilterException(string code) : Exception(code)
{
    public string Code { get; } = code;
}
