using Microsoft.AspNetCore.Builder;

namespace DataGateway.Common.Hosting;

/// <summary>The stages at the front of both services' pipelines, which give the answers every request may get.</summary>
public static class EdgeHostingExtensions
{
    /// <summary>Refuses targets and headers over <see cref="EdgeLimits"/> with 414/431 problem+json.</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app) => app.UseMiddleware<RequestLimitsMiddleware>();

    /// <summary>
    /// Maps a body the server could not read to 400/408/413 problem+json. It must sit inside any stage that would
    /// otherwise see the exception first (an exception handler would make it a 500) or must see the answer (the ledger).
    /// </summary>
    public static IApplicationBuilder UseBadRequestProblems(this IApplicationBuilder app) => app.UseMiddleware<BadRequestMiddleware>();

    /// <summary>A query parameter given twice is a 400 naming it (<see cref="SingleValuedQueryMiddleware"/>).</summary>
    public static IApplicationBuilder UseSingleValuedQuery(this IApplicationBuilder app) => app.UseMiddleware<SingleValuedQueryMiddleware>();
}
