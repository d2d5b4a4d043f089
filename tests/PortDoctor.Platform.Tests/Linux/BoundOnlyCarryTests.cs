using System.Diagnostics;
using System.Runtime.Versioning;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

/// <summary>
/// A monitor's collections that carry bound-only sockets between walks of the kernel's bind table,
/// against the kernel, for real: a process in a namespace of our own binds, listens, connects,
/// closes and swaps sockets between samples, some without changing its fd count, and a peer resets
/// a connection whose port was bound explicitly. After each step the collection through the monitor's
/// cache must list exactly the TCP sockets a fresh collection lists, and the steps that change nothing
/// must be served without the walk.
/// </summary>
[Takes(3)]
[SupportedOSPlatform("linux")]
public sealed class BoundOnlyCarryTests : IDisposable
{
    private const string Script = """
        import socket, struct, sys
        srv = socket.socket(); srv.bind(("127.0.0.1", 0)); srv.listen(64)
        conns = [socket.create_connection(srv.getsockname()) for _ in range(3)]
        peers = [srv.accept()[0] for _ in conns]
        bound, unbound = [], []
        def fresh_bound():
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1); s.bind(("127.0.0.1", 0)); return s
        for line in sys.stdin:
            verb = line.strip()
            if verb == "bind": bound.append(fresh_bound())
            if verb == "socket": unbound.append(socket.socket())
            if verb == "bind-held": s = unbound.pop(); s.bind(("127.0.0.1", 0)); bound.append(s)
            if verb == "close-bound": bound.pop(0).close()
            if verb == "swap-bound": bound.pop(0).close(); bound.append(fresh_bound())
            if verb == "listen": s = bound.pop(0); s.listen(1); conns.append(s)
            if verb == "connect": s = bound.pop(0); s.connect(srv.getsockname()); conns.append(s); peers.append(srv.accept()[0])
            if verb == "reset":
                # A port asked for by number is kept after a reset (bind to port 0 would release it).
                t = socket.socket(); t.bind(("127.0.0.1", 0)); port = t.getsockname()[1]; t.close()
                c = socket.socket(); c.bind(("127.0.0.1", port)); c.connect(srv.getsockname()); p = srv.accept()[0]
                p.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0)); p.close(); conns.append(c)
            print("ok", flush=True)
        """;

    private readonly string _name = "pdbo-" + Guid.NewGuid().ToString("N")[..10];
    private readonly LinuxSnapshotCollector _collector = new(TimeProvider.System);
    private readonly OwnerCache _cache = new(1000, TimeSpan.MaxValue) { CarriesBoundOnly = true }; // a monitor's, without its periodic full rescan
    private Process? _worker;
    private bool _made;
    private IReadOnlyList<string> _lastSources = [];

    public void Dispose()
    {
        if (_worker is { HasExited: false })
        {
            _worker.Kill();
            _worker.WaitForExit(10_000);
        }

        _worker?.Dispose();
        if (_made)
        {
            ChildProgram.Run("ip", ["netns", "delete", _name], TimeSpan.FromSeconds(30));
        }
    }

    [Fact]
    public void Bound_only_sockets_carried_between_walks_match_a_fresh_collection_as_a_process_binds_and_unbinds()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux() && Environment.UserName == "root", "needs root to make a network namespace");
        Assert.SkipUnless(LinuxSnapshotCollector.KernelListsBoundOnlySockets, "needs Linux 6.10+, whose sock_diag lists bound-only sockets");
        Assert.Equal(0, ChildProgram.Run("ip", ["netns", "add", _name], TimeSpan.FromSeconds(30)).Code);
        _made = true;
        Assert.Equal(0, ChildProgram.Run("ip", ["-n", _name, "link", "set", "lo", "up"], TimeSpan.FromSeconds(30)).Code);
        _worker = Process.Start(new ProcessStartInfo("ip", ["netns", "exec", _name, "python3", "-u", "-c", Script])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        Tell("bind");
        Tell("bind");

        SaysNot("carried", Compare()); // the first collection walks
        Settle(2); // nothing changed

        Tell("bind"); // a new fd: its table is walked, and the new socket is TCP in no table
        Says("walked on its own: a process holds a TCP socket that is in no table", Compare());
        Settle(3);

        Tell("socket"); // socket() without bind: every collection walks while it is held
        Compare();
        SaysNot("carried", Compare());
        Tell("bind-held"); // bound with no change of fd count
        Settle(4);

        Tell("swap-bound"); // closed and another bound at the same fd count
        Says("no longer at its fd", Compare());
        Settle(4);
        Tell("listen");
        Says("listening or connected now", Compare());
        Settle(3);
        Tell("connect");
        Says("listening or connected now", Compare());
        Settle(2);
        Tell("close-bound");
        Compare();
        Settle(1);

        Tell("reset"); // a connection bound explicitly, reset by its peer: bound-only, still held
        Settle(2);
    }

    /// <summary>
    /// Collects until the bound-only sockets are carried (at most 5 times: processes of other tests starting
    /// and exiting can make a collection walk), each collection checked against a fresh one.
    /// </summary>
    private void Settle(int carried)
    {
        var said = "";
        var attempts = new List<string>();
        for (var attempt = 0; attempt < 5 && !said.Contains("sockets carried", StringComparison.Ordinal); attempt++)
        {
            said = Compare();
            attempts.Add(string.Join(" | ", _lastSources));
        }

        Assert.True(said.Contains($"bound-only tcp: {carried} sockets carried", StringComparison.Ordinal), $"expected {carried} sockets carried; each collection's sources:\n{string.Join("\n", attempts)}");
    }

    private static void Says(string expected, string said) => Assert.True(said.Contains(expected, StringComparison.Ordinal), $"expected '{expected}' in: {said}");

    private static void SaysNot(string unexpected, string said) => Assert.False(said.Contains(unexpected, StringComparison.Ordinal), $"did not expect '{unexpected}' in: {said}");

    private void Tell(string verb)
    {
        _worker!.StandardInput.WriteLine(verb);
        _worker.StandardInput.Flush();
        Assert.Equal("ok", _worker.StandardOutput.ReadLine());
    }

    /// <summary>Collects through the monitor's cache and afresh; asserts the same TCP sockets; returns the cache's bound-only source line.</summary>
    private string Compare()
    {
        using var ns = LinuxNetworkNamespace.Open(_name);
        var carried = ns.Run(() => _collector.Collect(new CollectOptions { Owners = _cache }, TestContext.Current.CancellationToken));
        var fresh = ns.Run(() => _collector.Collect(new CollectOptions(), TestContext.Current.CancellationToken));
        Assert.Equal(Tcp(fresh), Tcp(carried));
        Assert.True(carried.ListsBoundOnlySockets);
        _lastSources = carried.Sources;
        return string.Join(" | ", carried.Sources.Where(s => s.Contains("bound-only", StringComparison.Ordinal)));
    }

    private static List<string> Tcp(Snapshot snapshot) =>
        [.. snapshot.Sockets.Where(s => s.Protocol == TransportProtocol.Tcp)
            .Select(s => $"{s.State.ToDisplayName()} {s.Local}->{s.Remote} inode {s.Inode} pid {s.Pid}")
            .Order(StringComparer.Ordinal)];
}
