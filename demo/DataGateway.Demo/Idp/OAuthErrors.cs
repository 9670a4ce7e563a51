namespace DataGateway.Demo.Idp;

/// <summary>
/// Errors of the token endpoint as OAuth 2.0 §5.2 has them: <c>{"error", "error_description"}</c> in JSON, never cached.
/// The description is English: the RFC allows only ASCII in it.
/// </summary>
internal static class OAuthErrors
{
    public static IResult Json(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new { error, error_description = description }, statusCode: status);

    /// <summary>Token answers and their errors are credentials or about credentials: no cache may keep them.</summary>
    public static void NoStore(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
    }
}
