using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

/// <summary>
/// A monitor's collections take their socket lists in turn from two: the list of the snapshot before
/// must stay as it was through the next collection (the sample is built from it after), and is filled
/// again only by the one after that.
/// </summary>
[SupportedOSPlatform("linux")]
public sealed class MonitorSocketListTests
{
    [Fact]
    public void A_snapshot_keeps_its_sockets_through_the_next_collection()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only (sock_diag)");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var collector = new LinuxSnapshotCollector(TimeProvider.System);
        var options = new CollectOptions { Owners = OwnerCache.ForMonitor() };

        var first = collector.Collect(options, TestContext.Current.CancellationToken);
        var second = collector.Collect(options, TestContext.Current.CancellationToken);
        var copy = second.Sockets.ToList();
        using var client = new TcpClient();
        client.Connect((IPEndPoint)listener.LocalEndpoint); // the next listing differs from this one
        var third = collector.Collect(options, TestContext.Current.CancellationToken);

        Assert.Equal(copy, second.Sockets);
        Assert.NotSame(second.Sockets, third.Sockets);
        Assert.Same(first.Sockets, third.Sockets);
        Assert.Contains(third.Sockets, s => s.State == SocketState.Established && s.Local.Port == ((IPEndPoint)client.Client.LocalEndPoint!).Port);
    }

    [Fact]
    public void Other_callers_get_a_new_list_each_time()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only (sock_diag)");
        var collector = new LinuxSnapshotCollector(TimeProvider.System);
        var options = new CollectOptions { Owners = OwnerCache.ForOneRun() };

        var lists = Enumerable.Range(0, 3).Select(_ => collector.Collect(options, TestContext.Current.CancellationToken).Sockets).ToList();

        Assert.Equal(3, lists.Distinct(ReferenceEqualityComparer.Instance).Count());
    }
}
