using System.Net;
using System.Net.Sockets;
using DataGateway.Testing;

namespace DataGateway.Common.Tests.Testing;

/// <summary>
/// The tests' own port source: ranges in blocks apart from single ports, given back when a city is done with them, so
/// several test runs on one machine never run out of 121 free ports in a row.
/// </summary>
public class FreePortsTests
{
    [Fact]
    public void Range_TwoAtOnce_AreDisjointAndApartFromSinglePorts()
    {
        var first = FreePorts.Range(120);
        var second = FreePorts.Range(120);
        var single = FreePorts.Next();
        try
        {
            Assert.True(Math.Abs(first - second) >= 121, $"{first} and {second} overlap");
            Assert.False(single >= first && single <= first + 120);
            Assert.False(single >= second && single <= second + 120);
        }
        finally
        {
            FreePorts.ReleaseRange(first);
            FreePorts.ReleaseRange(second);
        }
    }

    [Fact]
    public void Range_PortInItTaken_IsNotHandedOut()
    {
        var start = FreePorts.Range(120);
        using var listener = new TcpListener(IPAddress.Loopback, start + 60);
        listener.Start();
        FreePorts.ReleaseRange(start);

        var taken = new List<int>();
        try
        {
            // Every other block is free; the one with a listener in it is never given out while it listens.
            for (var i = 0; i < 10; i++)
            {
                taken.Add(FreePorts.Range(120));
            }

            Assert.DoesNotContain(start, taken);
        }
        finally
        {
            taken.ForEach(FreePorts.ReleaseRange);
        }
    }

    [Fact]
    public void Range_LargerThanABlock_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => FreePorts.Range(125));
}
