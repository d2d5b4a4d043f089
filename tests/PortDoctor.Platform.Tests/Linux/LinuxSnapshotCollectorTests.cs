using System.Net;
using System.Net.Sockets;
using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

[SupportedOSPlatform("linux")]
public sealed class LinuxSnapshotCollectorTests
{
    private static readonly int Self = Environment.ProcessId;

    private static Snapshot Collect(bool forceProcNet = false) =>
        new LinuxSnapshotCollector(TimeProvider.System, forceProcNet: forceProcNet).Collect(new CollectOptions(), TestContext.Current.CancellationToken);

    private static SocketEntry Single(Snapshot snapshot, TransportProtocol protocol, int localPort, int remotePort) =>
        Assert.Single(snapshot.Sockets, s => s.Protocol == protocol && s.Local.Port == localPort && s.Remote.Port == remotePort);

    [Fact]
    public void Netlink_reports_every_kind_of_socket_with_state_endpoints_and_pid()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        using var live = new LiveSockets();
        var snapshot = Collect();
        var listen = LiveSockets.Port(live.Listener);

        var listener = Single(snapshot, TransportProtocol.Tcp, listen, 0);
        Assert.Equal(SocketState.Listen, listener.State);
        Assert.Equal("127.0.0.1", listener.Local.Address);
        Assert.Equal(Self, listener.Pid);
        Assert.False(string.IsNullOrEmpty(listener.ProcessName));
        Assert.True(listener.Inode > 0);

        var client = Single(snapshot, TransportProtocol.Tcp, LiveSockets.Port(live.Client), listen);
        Assert.Equal(SocketState.Established, client.State);
        Assert.Equal(Self, client.Pid);
        Assert.Equal(SocketState.Established, Single(snapshot, TransportProtocol.Tcp, listen, LiveSockets.Port(live.Client)).State);

        Assert.Equal(SocketState.FinWait2, Single(snapshot, TransportProtocol.Tcp, LiveSockets.Port(live.HalfClosedClient), listen).State);
        var closeWait = Single(snapshot, TransportProtocol.Tcp, listen, LiveSockets.Port(live.HalfClosedClient));
        Assert.Equal(SocketState.CloseWait, closeWait.State);
        Assert.Equal(Self, closeWait.Pid);

        var bound = Single(snapshot, TransportProtocol.Tcp, LiveSockets.Port(live.Bound), 0);
        Assert.Equal(SocketState.Bound, bound.State);
        Assert.Equal(Self, bound.Pid);

        var timeWait = Single(snapshot, TransportProtocol.Tcp, live.TimeWaitLocal.Port, listen);
        Assert.Equal(SocketState.TimeWait, timeWait.State);
        Assert.Null(timeWait.Pid); // TIME_WAIT belongs to no process: never guessed here
        Assert.Equal(0, timeWait.Inode);

        var v6 = Single(snapshot, TransportProtocol.Tcp, LiveSockets.Port(live.Client6), LiveSockets.Port(live.Listener6));
        Assert.Equal(IpFamily.IPv6, v6.Family);
        Assert.Equal("::1", v6.Local.Address);
        Assert.Equal(SocketState.Established, v6.State);
        Assert.Equal(Self, v6.Pid);

        var udp = Single(snapshot, TransportProtocol.Udp, LiveSockets.Port(live.Udp), 0);
        Assert.Equal(SocketState.Unconnected, udp.State);
        Assert.Equal(Self, udp.Pid);

        var child = Single(snapshot, TransportProtocol.Tcp, LiveSockets.RemotePort(live.ChildServer), listen);
        Assert.Equal(SocketState.Established, child.State);
        Assert.Equal(live.Child.Id, child.Pid);
        Assert.Equal("bash", child.ProcessName);
        Assert.Equal("bash", snapshot.Processes[live.Child.Id].Name);
        Assert.True(snapshot.Processes[Self].SocketCount >= 10);
        Assert.True(snapshot.Processes[Self].HandleCount >= snapshot.Processes[Self].SocketCount);
    }

    /// <summary>
    /// The kernel asked about listed sockets one by one: a connection still open (IPv4 and IPv6, either end) is
    /// there; a client end closed since the dump (now FIN-WAIT or TIME-WAIT, without its inode) is not.
    /// </summary>
    [Fact]
    public void The_kernel_says_which_listed_connections_were_closed_since_the_dump()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        using var listener6 = new TcpListener(IPAddress.IPv6Loopback, 0);
        listener6.Start();
        using var client = new TcpClient(AddressFamily.InterNetwork);
        client.Connect(IPAddress.Loopback, LiveSockets.Port(listener.Server));
        using var server = listener.AcceptSocket();
        using var client6 = new TcpClient(AddressFamily.InterNetworkV6);
        client6.Connect(IPAddress.IPv6Loopback, LiveSockets.Port(listener6.Server));
        using var server6 = listener6.AcceptSocket();
        var listed = new List<SocketEntry>();
        Assert.True(SockDiagClient.TryDump(TransportProtocol.Tcp, null, new SocketRecall(remember: false), listed, out var errno), $"errno {errno}");
        SocketEntry Listed(Socket socket) => Assert.Single(listed, s => s.Local.Port == LiveSockets.Port(socket) && s.Remote.Port != 0 && s.Inode is > 0);
        SocketEntry[] ours = [Listed(client.Client), Listed(server), Listed(client6.Client), Listed(server6)];

        Assert.Empty(SockDiagClient.Closed(ours));
        client.Close();
        client6.Close();
        Assert.Equal([ours[0].Inode!.Value, ours[2].Inode!.Value], SockDiagClient.Closed(ours).Order());
    }

    /// <summary>
    /// Only sockets of the kernel's established hash are asked about (none of these 4-tuples exists here, so
    /// each one asked is called closed): not a listener, a closed, UDP or link-local socket, nor an inode not asked for.
    /// </summary>
    [Fact]
    public void Only_connections_of_the_established_hash_are_asked_about()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        var port = 40000;
        SocketEntry Socket(SocketState state, long inode, TransportProtocol protocol = TransportProtocol.Tcp, string local = "192.0.2.7", string remote = "192.0.2.9") =>
            new(protocol, local.Contains(':', StringComparison.Ordinal) ? IpFamily.IPv6 : IpFamily.IPv4, state, new Endpoint(local, port++), new Endpoint(remote, 443)) { Inode = inode };
        List<SocketEntry> sockets =
        [
            Socket(SocketState.Established, 1), Socket(SocketState.CloseWait, 2), Socket(SocketState.FinWait2, 3), Socket(SocketState.SynSent, 4),
            Socket(SocketState.Established, 5, local: "2001:db8::7", remote: "2001:db8::9"),
            Socket(SocketState.Listen, 11), Socket(SocketState.Closed, 12), Socket(SocketState.Established, 13, TransportProtocol.Udp),
            Socket(SocketState.Established, 14, local: "fe80::1", remote: "fe80::2"), Socket(SocketState.Established, 15),
        ];

        Assert.Equal([1L, 2, 3, 4, 5], LinuxSnapshotCollector.ClosedSinceDump(sockets, [1, 2, 3, 4, 5, 11, 12, 13, 14]).Order());
    }

    [Fact]
    public void One_dump_of_both_families_lists_the_same_tcp_sockets_as_one_dump_per_family()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        using var live = new LiveSockets();
        var ports = new HashSet<int>
        {
            LiveSockets.Port(live.Listener), LiveSockets.Port(live.Bound), live.TimeWaitLocal.Port,
            LiveSockets.Port(live.Listener6), LiveSockets.Port(live.Client6), LiveSockets.Port(live.HalfClosedClient),
        };
        var recall = new SocketRecall(remember: false);
        var both = new List<SocketEntry>();
        Assert.True(SockDiagClient.TryDump(TransportProtocol.Tcp, null, recall, both, out var errno), $"errno {errno}");
        var perFamily = new List<SocketEntry>();
        Assert.True(SockDiagClient.TryDump(TransportProtocol.Tcp, IpFamily.IPv4, recall, perFamily, out _));
        Assert.True(SockDiagClient.TryDump(TransportProtocol.Tcp, IpFamily.IPv6, recall, perFamily, out _));

        // Other processes open and close sockets meanwhile: compare the ones this test holds, every state of both families.
        static List<string> Ours(List<SocketEntry> sockets, HashSet<int> ports) => sockets
            .Where(s => ports.Contains(s.Local.Port) || ports.Contains(s.Remote.Port))
            .Select(s => $"{s.Family} {s.State} {s.Local} {s.Remote} {s.Inode}")
            .Order(StringComparer.Ordinal)
            .ToList();
        var ours = Ours(both, ports);
        Assert.Equal(Ours(perFamily, ports), ours);
        Assert.Contains(ours, s => s.StartsWith("IPv6 Established", StringComparison.Ordinal));
        Assert.Contains(ours, s => s.StartsWith("IPv4 TimeWait", StringComparison.Ordinal));
        Assert.Contains(ours, s => s.StartsWith("IPv4 Bound", StringComparison.Ordinal));
        Assert.Contains(ours, s => s.StartsWith("IPv4 FinWait2", StringComparison.Ordinal));
    }

    [Fact]
    public void A_snapshot_says_whether_it_lists_bound_only_sockets_as_the_kernel_does()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        using var live = new LiveSockets();
        var snapshot = Collect();
        var bound = LiveSockets.Port(live.Bound);

        // The kernel-version rule must agree with what this kernel's dump does with a bound, unconnected socket.
        Assert.Equal(snapshot.Sockets.Any(s => s.Protocol == TransportProtocol.Tcp && s.Local.Port == bound), snapshot.ListsBoundOnlySockets);
        Assert.False(Collect(forceProcNet: true).ListsBoundOnlySockets);
    }

    [Fact]
    public void The_proc_net_fallback_reports_the_same_sockets_except_bound_only_ones()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        using var live = new LiveSockets();
        var snapshot = Collect(forceProcNet: true);
        var listen = LiveSockets.Port(live.Listener);

        Assert.Equal(SocketState.Listen, Single(snapshot, TransportProtocol.Tcp, listen, 0).State);
        var client = Single(snapshot, TransportProtocol.Tcp, LiveSockets.Port(live.Client), listen);
        Assert.Equal(Self, client.Pid);
        Assert.Equal(SocketState.CloseWait, Single(snapshot, TransportProtocol.Tcp, listen, LiveSockets.Port(live.HalfClosedClient)).State);
        Assert.Equal(SocketState.TimeWait, Single(snapshot, TransportProtocol.Tcp, live.TimeWaitLocal.Port, listen).State);
        Assert.Equal(live.Child.Id, Single(snapshot, TransportProtocol.Tcp, LiveSockets.RemotePort(live.ChildServer), listen).Pid);
        // /proc/net/tcp does not list bound-only sockets: the bound socket's fd is counted as unlisted instead.
        Assert.DoesNotContain(snapshot.Sockets, s => s.Local.Port == LiveSockets.Port(live.Bound) && s.Protocol == TransportProtocol.Tcp);
        Assert.True(snapshot.Processes[Self].UnlistedSocketCount >= 1);
        // Read through the reading thread's own view (/proc/thread-self/net): right in a namespace entered with setns.
        Assert.Contains(snapshot.Sources, s => s.Contains("/proc/thread-self/net/tcp:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_connect_that_gets_no_answer_is_syn_sent()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        // A listener whose accept queue is full drops new SYNs: the next client stays in SYN_SENT.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        using var queued = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        queued.Connect(listener.LocalEndPoint!);
        using var waiting = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { Blocking = false };
        waiting.Bind(new IPEndPoint(IPAddress.Loopback, 0)); // .NET learns the local port only once connected otherwise
        var pending = Assert.Throws<SocketException>(() => waiting.Connect(listener.LocalEndPoint!));
        Assert.Equal(SocketError.WouldBlock, pending.SocketErrorCode);

        var snapshot = Collect();
        var synSent = Single(snapshot, TransportProtocol.Tcp, LiveSockets.Port(waiting), LiveSockets.Port(listener));
        Assert.Equal(SocketState.SynSent, synSent.State);
        Assert.Equal(Self, synSent.Pid);
    }

    [Fact]
    public void Without_owner_resolution_no_pid_is_set()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "Linux only");
        using var live = new LiveSockets();
        var snapshot = new LinuxSnapshotCollector(TimeProvider.System).Collect(new CollectOptions { ResolveOwners = false, IncludeUdp = false }, TestContext.Current.CancellationToken);
        Assert.Contains(snapshot.Sockets, s => s.Local.Port == LiveSockets.Port(live.Listener));
        Assert.All(snapshot.Sockets, s => Assert.Null(s.Pid));
        Assert.DoesNotContain(snapshot.Sockets, s => s.Protocol == TransportProtocol.Udp);
        Assert.NotNull(snapshot.Ports);
    }

    [Theory]
    [InlineData("Name:\tbash\nUid:\t1000\t1000\t1000\t1000\nGid:\t5\n", 1000)]
    [InlineData("Name:\tx\n", null)]
    [InlineData("Uid:\tgarbage\n", null)]
    public void Uid_is_read_from_proc_status(string status, int? uid) =>
        Assert.Equal(uid, LinuxProcessDetails.ParseUid(status));
}
