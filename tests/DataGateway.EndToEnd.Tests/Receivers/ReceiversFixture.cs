using DataGateway.Testing;

namespace DataGateway.EndToEnd.Tests.Receivers;

/// <summary>One <c>receivers</c> process (rows kept, with <c>--store</c>) for a test class; each test resets it first.</summary>
public sealed class ReceiversFixture : IAsyncLifetime
{
    public DemoReceivers Receivers { get; private set; } = null!;

    public async Task InitializeAsync() => Receivers = await DemoReceivers.StartAsync(store: true);

    public async Task DisposeAsync() => await Receivers.DisposeAsync();
}
