using System.Diagnostics;
using PortDoctor.Core.Model;
using PortDoctor.Evidence;
using PortDoctor.Tests.Shared;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

/// <summary>
/// Sockets opened live on this machine, printed by the real ss, netstat and /proc/net/tcp{,6},
/// read back through the evidence loader: every tool must give the same sockets.
/// </summary>
public sealed class LiveRoundTripTests
{
    [Fact]
    public void Ss_netstat_and_proc_net_give_the_same_live_sockets()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("needs Linux: ss, netstat and /proc/net");
        }

        using var live = new LiveSockets();
        var ports = new HashSet<int> { LiveSockets.Port(live.Listener), LiveSockets.Port(live.Listener6) };
        var directory = Directory.CreateTempSubdirectory("pdo-roundtrip-");
        try
        {
            var ss = Capture(directory.FullName, "ss.txt", "ss", "-tan");
            var procTcp = Copy(directory.FullName, "/proc/net/tcp", "tcp");
            var procTcp6 = Copy(directory.FullName, "/proc/net/tcp6", "tcp6");
            var netstat = Which("netstat") ? Capture(directory.FullName, "netstat.txt", "netstat", "-tan") : null;

            var udpPorts = new HashSet<int> { LiveSockets.Port(live.Udp) };
            var ssUdp = Ours(Capture(directory.FullName, "ss-udp.txt", "ss", "-uan"), udpPorts);
            Assert.Equal([$"{SocketState.Unconnected} 127.0.0.1:{LiveSockets.Port(live.Udp)} 0.0.0.0:0"], ssUdp);
            var procUdp = Copy(directory.FullName, "/proc/net/udp", "udp");
            Assert.True(ssUdp.SetEquals(Ours(procUdp, udpPorts)), File.ReadAllText(procUdp));

            var fromSs = Ours(ss, ports);
            var fromProc = Ours(procTcp, ports).Concat(Ours(procTcp6, ports)).ToHashSet();

            // Listener, established pair (2), half-closed pair (2), child connection (2), IPv6 listener and pair (3),
            // and the TIME_WAIT unless the kernel already reaped it.
            Assert.True(fromSs.Count >= 10, $"ss saw {fromSs.Count}: {string.Join("; ", fromSs)}");
            Assert.Equal(fromSs.OrderBy(s => s).ToList(), fromProc.OrderBy(s => s).ToList());
            Assert.Contains($"{SocketState.FinWait2} 127.0.0.1:{LiveSockets.Port(live.HalfClosedClient)}", fromSs.Select(s => $"{s.Split(' ')[0]} {s.Split(' ')[1]}"));
            Assert.Contains(fromSs, s => s.StartsWith($"{SocketState.CloseWait} ", StringComparison.Ordinal));
            Assert.Contains(fromSs, s => s.StartsWith($"{SocketState.Listen} ::1:", StringComparison.Ordinal));
            if (netstat is null)
            {
                Assert.Skip("netstat (net-tools) is not installed: ss and /proc/net agreed");
            }

            Assert.Equal(fromSs.OrderBy(s => s).ToList(), Ours(netstat, ports).OrderBy(s => s).ToList());
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>"State local remote" for the sockets on our ports (bound-only ones excluded: ss and netstat do not list them).</summary>
    private static HashSet<string> Ours(string file, HashSet<int> ports)
    {
        var evidence = EvidenceReader.Read([file]);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        return evidence.Latest.Sockets
            .Where(s => s.State is not (SocketState.Bound or SocketState.Closed) && (ports.Contains(s.Local.Port) || ports.Contains(s.Remote.Port)))
            .Select(s => $"{s.State} {s.Local.Address}:{s.Local.Port} {s.Remote.Address}:{s.Remote.Port}")
            .ToHashSet();
    }

    private static string Capture(string directory, string name, string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool, args) { RedirectStandardOutput = true, UseShellExecute = false };
        start.Environment["LC_ALL"] = "C";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, output);
        return path;
    }

    private static string Copy(string directory, string source, string name)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, File.ReadAllText(source));
        return path;
    }

    private static bool Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Any(d => File.Exists(Path.Combine(d, tool)));
}
