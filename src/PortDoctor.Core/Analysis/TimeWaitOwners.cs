using System.Globalization;
using System.Runtime.InteropServices;
using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// Infers who owned TIME_WAIT sockets (the kernel keeps no owner: PID 0 on Windows, inode 0 on
/// Linux). Best: the same 4-tuple owned by a process in an earlier snapshot (high). Then: the one
/// live process holding connections to the same remote endpoint (medium), the busiest of several
/// when it holds most of those connections (low; else none), or one talking to the same remote address on another port (low; never on loopback, where
/// every local connection shares the address). A TIME_WAIT on a
/// listener's port belongs to the server that closed first (medium).
/// </summary>
public static partial class TimeWaitOwners
{
    /// <summary>Marks an earlier snapshot rebuilt from the monitor's stored 4-tuples (in <see cref="Snapshot.Sources"/>): its attributions say "from history".</summary>
    public const string MonitorHistorySource = "monitor history";

    /// <param name="ephemeral">The TCP ephemeral range, to tell client-side sockets from server-side ones.</param>
    /// <param name="remembered">
    /// The owner an earlier look saw holding a 4-tuple (local, remote), asked after <paramref name="previous"/>:
    /// what the monitor keeps between samples, looked up where it is rather than copied into a snapshot each time.
    /// </param>
    public static IReadOnlyList<TimeWaitAttribution> Infer(
        Snapshot snapshot, IReadOnlyList<Snapshot>? previous = null, PortRange? ephemeral = null, Func<Endpoint, Endpoint, int?>? remembered = null)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var history = History(previous);
        var listeners = Listeners(snapshot);

        // Known owners first (source, history, listener), grouped at once; the other orphans are counted
        // per remote, and the live processes per remote endpoint are counted afterwards for those remotes
        // only (a server's thousands of accepted connections each have a remote of their own that no
        // TIME_WAIT asks about). Each orphan costs one lookup: thousands of them share a few remotes.
        var groups = new Dictionary<GroupKey, (int All, int Ephemeral)>();
        var unresolved = new Dictionary<Endpoint, RemoteOrphans>();
        foreach (var socket in snapshot.Sockets)
        {
            if (!IsOrphaned(socket) || socket.Protocol != TransportProtocol.Tcp)
            {
                continue;
            }

            var reason = Known(socket, history, remembered, listeners);
            if (reason.Basis == Basis.Unresolved)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(unresolved, socket.Remote, out _).Add(socket, ephemeral);
            }
            else
            {
                AddCount(groups, KeyOf(socket, reason), 1, InRange(socket, ephemeral) ? 1 : 0);
            }
        }

        var live = LiveOwners.Count(snapshot, unresolved.Keys);
        foreach (var (remote, orphans) in unresolved)
        {
            orphans.AddTo(groups, remote, live.Attribute(remote));
        }

        AddCounted(snapshot, ephemeral, groups);
        return Attributions(snapshot, groups);
    }

    /// <summary>The owner of each TCP listening port: the first listener in the snapshot's order with an owner.</summary>
    internal static Dictionary<int, int> Listeners(Snapshot snapshot)
    {
        var listeners = new Dictionary<int, int>();
        foreach (var socket in snapshot.Sockets)
        {
            if (IsOwnedListener(socket) && Owner(socket) is { } pid)
            {
                listeners.TryAdd(socket.Local.Port, pid);
            }
        }

        return listeners;
    }

    /// <summary>A socket that <see cref="Listeners"/> counts.</summary>
    internal static bool IsOwnedListener(SocketEntry socket) =>
        socket.State == SocketState.Listen && socket.Protocol == TransportProtocol.Tcp && socket.Local.Port != 0 && Owner(socket) is not null;

    /// <summary>The group an orphan with this reason is counted in.</summary>
    internal static GroupKey KeyOf(SocketEntry socket, Reason reason) =>
        new(reason.Pid, socket.Remote, reason.Confidence, reason.Basis, reason.Processes, socket.State != SocketState.TimeWait);

    /// <summary>Whether the orphan's local port counts as ephemeral: in the range, or any port when the range is unknown.</summary>
    internal static bool InRange(SocketEntry socket, PortRange? ephemeral) => ephemeral is not { } range || range.Contains(socket.Local.Port);

    private static void AddCount(Dictionary<GroupKey, (int All, int Ephemeral)> groups, GroupKey key, int all, int ephemeral)
    {
        ref var counts = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, key, out _);
        counts = (counts.All + all, counts.Ephemeral + ephemeral);
    }

    /// <summary>The orphans toward one remote whose owner is not known: TIME_WAIT and closing ones apart, each with those in the range.</summary>
    private struct RemoteOrphans
    {
        private int _timeWait, _timeWaitInRange, _closing, _closingInRange;

        public void Add(SocketEntry socket, PortRange? ephemeral)
        {
            var inRange = InRange(socket, ephemeral) ? 1 : 0;
            if (socket.State == SocketState.TimeWait)
            {
                (_timeWait, _timeWaitInRange) = (_timeWait + 1, _timeWaitInRange + inRange);
            }
            else
            {
                (_closing, _closingInRange) = (_closing + 1, _closingInRange + inRange);
            }
        }

        /// <summary>Adds them to their groups under <paramref name="reason"/> (what <see cref="KeyOf"/> gives each).</summary>
        public readonly void AddTo(Dictionary<GroupKey, (int All, int Ephemeral)> groups, Endpoint remote, Reason reason)
        {
            if (_timeWait > 0)
            {
                AddCount(groups, new GroupKey(reason.Pid, remote, reason.Confidence, reason.Basis, reason.Processes, Closing: false), _timeWait, _timeWaitInRange);
            }

            if (_closing > 0)
            {
                AddCount(groups, new GroupKey(reason.Pid, remote, reason.Confidence, reason.Basis, reason.Processes, Closing: true), _closing, _closingInRange);
            }
        }
    }

    private static Dictionary<(Endpoint, Endpoint), (int Pid, bool Monitor)> History(IReadOnlyList<Snapshot>? previous)
    {
        var history = new Dictionary<(Endpoint, Endpoint), (int Pid, bool Monitor)>();
        foreach (var earlier in (previous ?? []).OrderBy(s => s.Time))
        {
            var monitor = earlier.Sources.Contains(MonitorHistorySource, StringComparer.Ordinal);
            foreach (var socket in earlier.Sockets)
            {
                if (Owner(socket) is { } pid && socket.State != SocketState.TimeWait)
                {
                    history[(socket.Local, socket.Remote)] = (pid, monitor);
                }
            }
        }

        return history;
    }

    /// <summary>Counted TIME_WAIT (and ownerless closing) sockets have no endpoints: owned only when the source said so.</summary>
    internal static void AddCounted(Snapshot snapshot, PortRange? ephemeral, Dictionary<GroupKey, (int All, int Ephemeral)> groups)
    {
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
                ? new GroupKey(own, Endpoint.Counted, AttributionConfidence.High, Basis.SourceNamed, 0, closing)
                : new GroupKey(null, Endpoint.Counted, AttributionConfidence.None, Basis.CountsOnly, 0, closing);
            var (all, inRange) = groups.GetValueOrDefault(key);
            groups[key] = (all + counted.Count, inRange + (ephemeral is null ? counted.Count : 0));
        }
    }

    internal static List<TimeWaitAttribution> Attributions(Snapshot snapshot, Dictionary<GroupKey, (int All, int Ephemeral)> groups)
    {
        // Names from the sockets (netstat -b), looked up once (a scan per group cost 15,000 sockets x
        // 400 groups on a log), and only when a process is not in the snapshot's list (live: never).
        Dictionary<int, string>? socketNames = null;
        string? Name(int pid) => snapshot.Processes.TryGetValue(pid, out var info)
            ? info.Name
            : (socketNames ??= SocketNames(snapshot)).GetValueOrDefault(pid);

        // One sentence per basis and process count, not one per group (hundreds of remotes share "the busiest of 4").
        var sentences = new Dictionary<(Basis, int), string>();
        string Sentence(Basis basis, int processes)
        {
            ref var sentence = ref CollectionsMarshal.GetValueRefOrAddDefault(sentences, (basis, processes), out _);
            return sentence ??= Describe(basis, processes);
        }

        return groups
            .Select(g => new TimeWaitAttribution(
                g.Key.Pid,
                g.Key.Pid is { } pid ? Name(pid) : null,
                g.Key.Remote,
                g.Value.All,
                g.Key.Confidence,
                Sentence(g.Key.Basis, g.Key.Processes))
            { EphemeralCount = g.Value.Ephemeral, Closing = g.Key.Closing })
            .OrderByDescending(a => a.Count)
            .ThenBy(a => a.Remote.ToString(), StringComparer.Ordinal)
            // Ties in full, so that the order does not depend on the listing's (or on which groups a monitor kept).
            .ThenBy(a => a.Closing)
            .ThenByDescending(a => a.Confidence)
            .ThenBy(a => a.Pid ?? int.MaxValue)
            .ThenBy(a => a.Basis, StringComparer.Ordinal)
            .ToList();
    }

    private static Dictionary<int, string> SocketNames(Snapshot snapshot)
    {
        var names = new Dictionary<int, string>();
        foreach (var socket in snapshot.Sockets)
        {
            if (socket is { Pid: { } owner, ProcessName: { } name })
            {
                names.TryAdd(owner, name);
            }
        }

        foreach (var counted in snapshot.CountedSockets)
        {
            if (counted is { Pid: { } owner, ProcessName: { } name })
            {
                names.TryAdd(owner, name);
            }
        }

        return names;
    }

    /// <summary>The owner known without counting live processes per remote; <see cref="Basis.Unresolved"/> when there is none.</summary>
    internal static Reason Known(
        SocketEntry socket,
        Dictionary<(Endpoint, Endpoint), (int Pid, bool Monitor)> history,
        Func<Endpoint, Endpoint, int?>? remembered,
        Dictionary<int, int> listeners)
    {
        if (Owner(socket) is { } own)
        {
            // Windows sources sometimes keep the owner of a TIME_WAIT row; trust it.
            return new Reason(own, AttributionConfidence.High, Basis.SourceNamed);
        }

        if (history.Count > 0 && history.TryGetValue((socket.Local, socket.Remote), out var earlier))
        {
            return new Reason(earlier.Pid, AttributionConfidence.High, earlier.Monitor ? Basis.MonitorHistory : Basis.EarlierSnapshot);
        }

        if (remembered?.Invoke(socket.Local, socket.Remote) is { } seen)
        {
            return new Reason(seen, AttributionConfidence.High, Basis.EarlierSnapshot);
        }

        return listeners.TryGetValue(socket.Local.Port, out var server)
            ? new Reason(server, AttributionConfidence.Medium, Basis.Listener)
            : new Reason(null, AttributionConfidence.None, Basis.Unresolved);
    }

    private static string Describe(Basis basis, int processes) => basis switch
    {
        Basis.SourceNamed => "the source named the owner",
        Basis.MonitorHistory => "from history: the monitor saw this 4-tuple ESTABLISHED under this process",
        Basis.EarlierSnapshot => "same 4-tuple owned by this process in an earlier snapshot",
        Basis.Listener => "TIME_WAIT on this process's listening port (the server closed first)",
        Basis.OnlyOnEndpoint => "the only live process connected to the same remote endpoint",
        Basis.BusiestOnEndpoint => string.Create(CultureInfo.InvariantCulture, $"the busiest of {processes} processes connected to the same remote endpoint"),
        Basis.NoMajorityOnEndpoint => string.Create(CultureInfo.InvariantCulture, $"{processes} live processes connect to the same remote endpoint, none with most of the connections: no owner"),
        Basis.SameAddress => "a live process connected to the same remote address on another port",
        Basis.CountsOnly => "counts without addresses: nothing to attribute them by",
        _ => "no live process talks to this remote endpoint",
    };

    /// <summary>TIME_WAIT, and closing sockets whose process already closed its descriptor (no owner left).</summary>
    public static bool IsOrphaned(SocketEntry socket) =>
        socket.State == SocketState.TimeWait ||
        (Owner(socket) is null && socket.State is SocketState.FinWait1 or SocketState.FinWait2 or SocketState.Closing or SocketState.LastAck);

    /// <summary>The owning PID; Windows lists ownerless rows (TIME_WAIT) under PID 0, the idle process, which owns nothing.</summary>
    public static int? Owner(SocketEntry socket) => socket.Pid is 0 ? null : socket.Pid;
}
