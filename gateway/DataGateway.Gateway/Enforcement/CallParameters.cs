using DataGateway.Common.Hosting;
using DataGateway.Common.Problems;
using Microsoft.Extensions.Primitives;
using DataGateway.Gateway.Problems;

namespace DataGateway.Gateway.Enforcement;

/// <summary>The gateway's own query parameters of a data call, read and checked before anything is decided.</summary>
/// <param name="Fields">The <c>?fields=</c> list; null for "all I may see".</param>
/// <param name="District">The <c>?district=</c> code; null when not given.</param>
/// <param name="Size">The <c>?size=</c> asked for; null when not given. Checked against the dataset's cap once it is known.</param>
internal sealed record CallParameters(IReadOnlyList<string>? Fields, string? District, int? Size)
{
    /// <summary>The parameters, or null once a 400 problem is written.</summary>
    public static async Task<CallParameters?> ReadAsync(HttpContext context)
    {
        var query = context.Request.Query;
        // Two values for one parameter are read differently by different servers (HTTP parameter pollution); the
        // same rule as the gateway's own paths (SingleValuedQueryMiddleware), with the data API's own code.
        if (SingleValuedQueryMiddleware.FirstRepeated(query) is { } repeated)
        {
            await WriteInvalidAsync(context, GatewayMessages.Get("parameter_invalid.repeated", repeated));
            return null;
        }

        IReadOnlyList<string>? fields = null;
        if (query.TryGetValue(GatewayParameters.Fields, out var fieldsValue))
        {
            var list = fieldsValue.ToString().Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            if (list.Length == 0)
            {
                await WriteInvalidAsync(context, GatewayMessages.Get("parameter_invalid.fields_empty"));
                return null;
            }

            fields = list;
        }

        var district = await ReadDistrictAsync(context);
        if (district is { Valid: false })
        {
            return null;
        }

        // size is only checked for form here: its bound is the dataset's, and a larger size gets its own answer.
        if (!TryReadPaging(query, GatewayParameters.Page, GatewayParameters.MaxPage, out _, out var bad)
            || !TryReadPaging(query, GatewayParameters.Size, int.MaxValue, out var size, out bad))
        {
            await ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, GatewayProblemCodes.PagingInvalid, GatewayMessages.Get("paging_invalid.detail"),
                new Dictionary<string, object?> { ["parameter"] = bad });
            return null;
        }

        return new CallParameters(fields, district?.Code, size);
    }

    /// <summary>A paging parameter: absent (null), or valid; false, naming it, when malformed.</summary>
    private static bool TryReadPaging(IQueryCollection query, string name, int max, out int? value, out string? bad)
    {
        value = null;
        bad = null;
        if (!query.TryGetValue(name, out StringValues text))
        {
            return true;
        }

        if (!GatewayParameters.TryParsePaging(text.ToString(), max, out var parsed))
        {
            bad = name;
            return false;
        }

        value = parsed;
        return true;
    }

    /// <summary>The <c>?district=</c> code: null when absent; not valid (and a 400 written) when malformed.</summary>
    public static async Task<(bool Valid, string? Code)?> ReadDistrictAsync(HttpContext context)
    {
        if (!context.Request.Query.TryGetValue(GatewayParameters.District, out var districtValue))
        {
            return null;
        }

        var text = districtValue.ToString();
        if (districtValue.Count != 1 || text.Length != 6 || !text.All(char.IsAsciiDigit))
        {
            await WriteInvalidAsync(context, GatewayMessages.Get("parameter_invalid.district"));
            return (false, null);
        }

        return (true, text);
    }

    private static Task WriteInvalidAsync(HttpContext context, string detail) =>
        ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, GatewayProblemCodes.ParameterInvalid, detail);
}
