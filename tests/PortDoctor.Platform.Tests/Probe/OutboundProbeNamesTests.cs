using System.Net;
using System.Net.Sockets;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Probe;
using Xunit;

namespace PortDoctor.Platform.Tests.Probe;

/// <summary>A target given by name is resolved on a thread of its own (OwnThreads), then connected to.</summary>
public class OutboundProbeNamesTests
{
    [Fact]
    public void A_name_is_resolved_and_connected_to_and_one_that_does_not_resolve_is_said_so()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "localhost in /etc/hosts and .invalid names are a Linux test machine's");
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(4);
        var port = ((IPEndPoint)listener.LocalEndPoint!).Port;

        var results = new OutboundProbe(OsKind.Linux, TimeSpan.FromSeconds(5)).Run(
            [new ProbeTarget("localhost", port), new ProbeTarget("no-such-host.invalid", port)], TestContext.Current.CancellationToken);

        var named = results.Single(r => r.Target == $"localhost:{port}");
        Assert.Equal(ProbeOutcome.Succeeded, named.Outcome);
        var unresolved = results.Single(r => r.Target == $"no-such-host.invalid:{port}");
        Assert.Equal(ProbeOutcome.OtherError, unresolved.Outcome);
        Assert.StartsWith("name not resolved", unresolved.ErrorName, StringComparison.Ordinal);
    }
}
