using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Core.Tests.Analysis;

/// <summary>
/// TimeWaitOwners counts live processes per remote only for the remotes still unattributed, and
/// keys its groups by a reason code: the attributions (owners, confidences, sentences, order) must
/// be those of the straightforward version kept below, on shapes that exercise every basis.
/// </summary>
public class TimeWaitOwnersEquivalenceTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Attributions_are_those_of_the_straightforward_inference(int seed)
    {
        var random = new Random(seed);
        var (snapshot, earlier) = Shape(random);
        var remembered = new Dictionary<(Endpoint, Endpoint), int>();
        foreach (var socket in snapshot.Sockets.Where(s => s.State == SocketState.TimeWait).Where((_, i) => i % 7 == 0))
        {
            remembered[(socket.Local, socket.Remote)] = 900 + (socket.Local.Port % 3);
        }

        int? Remembered(Endpoint local, Endpoint remote) => remembered.TryGetValue((local, remote), out var pid) ? pid : null;
        var range = new PortRange(32768, 28232);

        foreach (var (previous, lookup) in new (IReadOnlyList<Snapshot>?, Func<Endpoint, Endpoint, int?>?)[] { (null, null), ([earlier], null), (null, Remembered), ([earlier], Remembered) })
        {
            var expected = ReferenceTimeWaitOwners.Infer(snapshot, previous, range, lookup);
            var actual = TimeWaitOwners.Infer(snapshot, previous, range, lookup);
            Assert.Equal(expected, actual);
            Assert.Contains(actual, a => a.Basis.StartsWith("the busiest of", StringComparison.Ordinal));
        }
    }

    /// <summary>
    /// Groups tied on count and remote (a listener's and a named owner's, TIME_WAIT and closing ones) come in one
    /// order whatever the listing's: first seen decided it, so a monitor's kept groups and a shuffled listing disagreed.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Attributions_do_not_depend_on_the_order_of_the_listing(int seed)
    {
        var (snapshot, _) = Shape(new Random(seed));
        var range = new PortRange(32768, 28232);
        var expected = TimeWaitOwners.Infer(snapshot, null, range);
        Assert.Contains(expected, a => expected.Count(b => b.Count == a.Count && b.Remote == a.Remote) > 1);
        var shuffle = new Random(seed + 100);
        for (var i = 0; i < 5; i++)
        {
            var shuffled = snapshot with { Sockets = [.. snapshot.Sockets.OrderBy(_ => shuffle.Next())] };
            Assert.Equal(expected, TimeWaitOwners.Infer(shuffled, null, range));
        }
    }

    /// <summary>Several remotes with one, two or no live owners, listeners, closing orphans, an address-only match, counted rows.</summary>
    private static (Snapshot Now, Snapshot Earlier) Shape(Random random)
    {
        var sockets = new List<SocketEntry>();
        var earlierSockets = new List<SocketEntry>();
        sockets.Add(Tcp(SocketState.Listen, "0.0.0.0", 8080, "0.0.0.0", 0, 80));
        var states = new[] { SocketState.Established, SocketState.TimeWait, SocketState.TimeWait, SocketState.FinWait2, SocketState.LastAck, SocketState.CloseWait };
        for (var i = 0; i < 3000; i++)
        {
            var state = states[random.Next(states.Length)];
            var remoteHost = $"10.0.{random.Next(3)}.{random.Next(4)}";
            var remotePort = random.Next(4) switch { 0 => 80, 1 => 443, 2 => 5432, _ => 30000 + random.Next(50) };
            var inbound = random.Next(10) == 0;
            var localPort = inbound ? 8080 : 32768 + random.Next(28000);
            int? pid = state is SocketState.Established or SocketState.CloseWait || random.Next(20) == 0 ? random.Next(1, 5) : null;
            var socket = Tcp(state, "10.9.9.9", localPort, remoteHost, remotePort, pid);
            sockets.Add(socket);
            if (state == SocketState.TimeWait && random.Next(5) == 0)
            {
                earlierSockets.Add(socket with { State = SocketState.Established, Pid = 700 + random.Next(2) });
            }
        }

        sockets.Add(Tcp(SocketState.TimeWait, "10.9.9.9", 40001, "192.0.2.1", 9, null)); // nobody talks to it
        var now = new Snapshot
        {
            Time = new DateTimeOffset(2026, 12, 2, 12, 0, 0, TimeSpan.Zero),
            Os = OsKind.Linux,
            Sockets = sockets,
            Processes = new Dictionary<int, ProcessInfo> { [1] = new(1, "one"), [2] = new(2, "two") },
            CountedSockets =
            [
                new SocketCount(TransportProtocol.Tcp, SocketState.TimeWait, 12) { Pid = 0 },
                new SocketCount(TransportProtocol.Tcp, SocketState.TimeWait, 5) { Pid = 3, ProcessName = "three" },
            ],
        };
        var earlier = new Snapshot { Time = now.Time.AddMinutes(-1), Sockets = earlierSockets, Sources = [TimeWaitOwners.MonitorHistorySource] };
        return (now, earlier);
    }

    private static SocketEntry Tcp(SocketState state, string local, int localPort, string remote, int remotePort, int? pid) =>
        new(TransportProtocol.Tcp, IpFamily.IPv4, state, new Endpoint(local, localPort), new Endpoint(remote, remotePort)) { Pid = pid };

    /// <summary>TimeWaitOwners.Infer before it counted per remote lazily (main at 4decdcd), the oracle.</summary>
    private static class ReferenceTimeWaitOwners
    {
        public static IReadOnlyList<TimeWaitAttribution> Infer(
            Snapshot snapshot, IReadOnlyList<Snapshot>? previous = null, PortRange? ephemeral = null, Func<Endpoint, Endpoint, int?>? remembered = null)
        {
            var history = new Dictionary<(Endpoint, Endpoint), (int Pid, bool Monitor)>();
            foreach (var earlier in (previous ?? []).OrderBy(s => s.Time))
            {
                var monitor = earlier.Sources.Contains(TimeWaitOwners.MonitorHistorySource, StringComparer.Ordinal);
                foreach (var socket in earlier.Sockets)
                {
                    if (TimeWaitOwners.Owner(socket) is { } pid && socket.State != SocketState.TimeWait)
                    {
                        history[(socket.Local, socket.Remote)] = (pid, monitor);
                    }
                }
            }

            var byEndpoint = new Dictionary<Endpoint, Dictionary<int, int>>();
            var byAddress = new Dictionary<string, Dictionary<int, int>>(StringComparer.Ordinal);
            var listeners = new Dictionary<int, int>();
            foreach (var socket in snapshot.Sockets)
            {
                if (TimeWaitOwners.Owner(socket) is not { } pid || socket.Protocol != TransportProtocol.Tcp)
                {
                    continue;
                }

                if (socket.State == SocketState.Listen)
                {
                    if (socket.Local.Port != 0)
                    {
                        listeners.TryAdd(socket.Local.Port, pid);
                    }

                    continue;
                }

                if (TimeWaitOwners.IsOrphaned(socket) || socket.Remote.IsUnspecified)
                {
                    continue;
                }

                Increment(byEndpoint, socket.Remote, pid);
                Increment(byAddress, socket.Remote.Address, pid);
            }

            var groups = new Dictionary<(int? Pid, Endpoint Remote, AttributionConfidence Confidence, string Basis, bool Closing), (int All, int Ephemeral)>();
            foreach (var socket in snapshot.Sockets)
            {
                if (!TimeWaitOwners.IsOrphaned(socket) || socket.Protocol != TransportProtocol.Tcp)
                {
                    continue;
                }

                var (owner, remote, confidence, basis) = Attribute(socket, history, remembered, byEndpoint, byAddress, listeners);
                var key = (owner, remote, confidence, basis, socket.State != SocketState.TimeWait);
                var (all, inRange) = groups.GetValueOrDefault(key);
                var isEphemeral = ephemeral is not { } range || range.Contains(socket.Local.Port);
                groups[key] = (all + 1, inRange + (isEphemeral ? 1 : 0));
            }

            // Counted TIME_WAIT (and ownerless closing) sockets have no endpoints: owned only when the source said so.
            foreach (var counted in snapshot.CountedSockets)
            {
                var owner = counted.Pid is 0 ? null : counted.Pid;
                if (counted.Protocol != TransportProtocol.Tcp || !(counted.State == SocketState.TimeWait ||
                    (owner is null && counted.State is SocketState.FinWait1 or SocketState.FinWait2 or SocketState.Closing or SocketState.LastAck)))
                {
                    continue;
                }

                var closing = counted.State != SocketState.TimeWait;
                var key = owner is { } own
                    ? (own, Endpoint.Counted, AttributionConfidence.High, "the source named the owner", closing)
                    : ((int?)null, Endpoint.Counted, AttributionConfidence.None, "counts without addresses: nothing to attribute them by", closing);
                var (all, inRange) = groups.GetValueOrDefault(key);
                groups[key] = (all + counted.Count, inRange + (ephemeral is null ? counted.Count : 0));
            }

            // Names from the sockets (netstat -b), looked up once: a scan per group cost 15,000 sockets x 400 groups on a log.
            var socketNames = new Dictionary<int, string>();
            foreach (var socket in snapshot.Sockets)
            {
                if (socket is { Pid: { } owner, ProcessName: { } name })
                {
                    socketNames.TryAdd(owner, name);
                }
            }

            foreach (var counted in snapshot.CountedSockets)
            {
                if (counted is { Pid: { } owner, ProcessName: { } name })
                {
                    socketNames.TryAdd(owner, name);
                }
            }

            return groups
                .Select(g => new TimeWaitAttribution(
                    g.Key.Pid,
                    g.Key.Pid is { } pid ? (snapshot.Processes.TryGetValue(pid, out var info) ? info.Name : socketNames.GetValueOrDefault(pid)) : null,
                    g.Key.Remote,
                    g.Value.All,
                    g.Key.Confidence,
                    g.Key.Basis)
                { EphemeralCount = g.Value.Ephemeral, Closing = g.Key.Closing })
                .OrderByDescending(a => a.Count)
                .ThenBy(a => a.Remote.ToString(), StringComparer.Ordinal)
                .ThenBy(a => a.Closing)
                .ThenByDescending(a => a.Confidence)
                .ThenBy(a => a.Pid ?? int.MaxValue)
                .ThenBy(a => a.Basis, StringComparer.Ordinal)
                .ToList();
        }

        private static (int?, Endpoint, AttributionConfidence, string) Attribute(
            SocketEntry socket,
            Dictionary<(Endpoint, Endpoint), (int Pid, bool Monitor)> history,
            Func<Endpoint, Endpoint, int?>? remembered,
            Dictionary<Endpoint, Dictionary<int, int>> byEndpoint,
            Dictionary<string, Dictionary<int, int>> byAddress,
            Dictionary<int, int> listeners)
        {
            if (TimeWaitOwners.Owner(socket) is { } own)
            {
                // Windows sources sometimes keep the owner of a TIME_WAIT row; trust it.
                return (own, socket.Remote, AttributionConfidence.High, "the source named the owner");
            }

            if (history.TryGetValue((socket.Local, socket.Remote), out var earlier))
            {
                return (earlier.Pid, socket.Remote, AttributionConfidence.High, earlier.Monitor
                    ? "from history: the monitor saw this 4-tuple ESTABLISHED under this process"
                    : "same 4-tuple owned by this process in an earlier snapshot");
            }

            if (remembered?.Invoke(socket.Local, socket.Remote) is { } seen)
            {
                return (seen, socket.Remote, AttributionConfidence.High, "same 4-tuple owned by this process in an earlier snapshot");
            }

            if (listeners.TryGetValue(socket.Local.Port, out var server))
            {
                return (server, socket.Remote, AttributionConfidence.Medium, "TIME_WAIT on this process's listening port (the server closed first)");
            }

            if (byEndpoint.TryGetValue(socket.Remote, out var owners))
            {
                return owners.Count == 1
                    ? (owners.Keys.First(), socket.Remote, AttributionConfidence.Medium, "the only live process connected to the same remote endpoint")
                    : 2 * owners[Busiest(owners)] > owners.Values.Sum()
                    ? (Busiest(owners), socket.Remote, AttributionConfidence.Low, $"the busiest of {owners.Count} processes connected to the same remote endpoint")
                    : (null, socket.Remote, AttributionConfidence.None, $"{owners.Count} live processes connect to the same remote endpoint, none with most of the connections: no owner");
            }

            if (!socket.Remote.IsLoopback && byAddress.TryGetValue(socket.Remote.Address, out var sameHost))
            {
                return (Busiest(sameHost), socket.Remote, AttributionConfidence.Low, "a live process connected to the same remote address on another port");
            }

            return (null, socket.Remote, AttributionConfidence.None, "no live process talks to this remote endpoint");
        }

        private static int Busiest(Dictionary<int, int> owners) =>
            owners.OrderByDescending(o => o.Value).ThenBy(o => o.Key).First().Key;

        private static void Increment<TKey>(Dictionary<TKey, Dictionary<int, int>> map, TKey key, int pid)
            where TKey : notnull
        {
            if (!map.TryGetValue(key, out var counts))
            {
                counts = [];
                map[key] = counts;
            }

            counts[pid] = counts.GetValueOrDefault(pid) + 1;
        }
    }
}
