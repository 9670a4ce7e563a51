using System.Net;
using DataGateway.Testing;

namespace DataGateway.Console.Tests;

/// <summary>
/// The demo city (its data services, catalog and gateway as real processes) with calls made through its real gateway
/// before the tests start: <see cref="BankCalls"/> allowed calls by op-bank to enterprises, and one call of
/// op-unlicensed's that the gateway denies. Their ledger records are durable once the answers are complete.
/// </summary>
public sealed class LedgerConsoleCity : DemoCity
{
    public const int BankCalls = 25;

    /// <summary>Few rows: the pages are about the calls, not the data.</summary>
    protected override int Rows => 200;

    /// <summary>The request ids the gateway answered op-bank's calls with, oldest first (X-Request-Id, 32 hex digits).</summary>
    public List<Guid> BankRequestIds { get; } = [];

    public Guid DeniedRequestId { get; private set; }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        using var bank = GatewayClient("op-bank");
        for (var i = 0; i < BankCalls; i++)
        {
            BankRequestIds.Add(await CallAsync(bank, "/api/enterprises?size=2", HttpStatusCode.OK));
        }

        using var unlicensed = GatewayClient("op-unlicensed");
        DeniedRequestId = await CallAsync(unlicensed, "/api/housing?size=1", HttpStatusCode.Forbidden);
    }

    private static async Task<Guid> CallAsync(HttpClient client, string path, HttpStatusCode expected)
    {
        using var response = await client.GetAsync(path);
        await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}, not {(int)expected}.");
        }

        return Guid.ParseExact(response.Headers.GetValues("X-Request-Id").Single(), "N");
    }
}
