using PortDoctor.Core.Model;
using PortDoctor.Core.Trends;

namespace PortDoctor.Monitoring;

/// <summary>
/// The ESTABLISHED 4-tuples the monitor has seen, with their owner, so a later TIME_WAIT on the
/// same 4-tuple is attributed from history. Bounded: past <see cref="Capacity"/> the oldest
/// sightings are forgotten first (a TIME_WAIT lasts 60 s, so old ones no longer matter).
/// </summary>
public sealed class ConnectionMemory(int capacity = ConnectionMemory.DefaultCapacity)
{
    public const int DefaultCapacity = 65_536;

    private readonly Dictionary<(Endpoint Local, Endpoint Remote), LinkedListNode<ConnectionOwner>> _owners = [];
    private readonly LinkedList<ConnectionOwner> _age = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count => _owners.Count;

    /// <summary>Remembers each ESTABLISHED owned TCP socket; returns the 4-tuples not seen before (or now under another owner).</summary>
    public IReadOnlyList<ConnectionOwner> Remember(Snapshot snapshot, Func<int, DateTimeOffset?> startTime)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(startTime);
        var fresh = new List<ConnectionOwner>();
        var starts = new Dictionary<int, DateTimeOffset?>();
        foreach (var socket in snapshot.Sockets)
        {
            if (socket is not { Protocol: TransportProtocol.Tcp, State: SocketState.Established, Pid: { } pid and > 0 })
            {
                continue;
            }

            var key = (socket.Local, socket.Remote);
            if (_owners.TryGetValue(key, out var known) && known.Value.Pid == pid)
            {
                continue;
            }

            if (known is not null)
            {
                _age.Remove(known);
            }

            if (!starts.TryGetValue(pid, out var start))
            {
                starts[pid] = start = startTime(pid);
            }

            var owner = new ConnectionOwner(socket.Local, socket.Remote, pid, start);
            _owners[key] = _age.AddLast(owner);
            fresh.Add(owner);
            if (_owners.Count > Capacity)
            {
                var oldest = _age.First!;
                _owners.Remove((oldest.Value.Local, oldest.Value.Remote));
                _age.RemoveFirst();
            }
        }

        return fresh;
    }

    /// <summary>The owner remembered for the 4-tuple; null when it was never seen ESTABLISHED (or is forgotten).</summary>
    public int? OwnerOf(Endpoint local, Endpoint remote) =>
        _owners.TryGetValue((local, remote), out var known) ? known.Value.Pid : null;

    /// <summary>What is remembered, as one earlier snapshot of ESTABLISHED sockets: the form TIME_WAIT attribution reads.</summary>
    public Snapshot AsSnapshot(DateTimeOffset time) => new()
    {
        Time = time,
        Sockets = _age
            .Select(o => new SocketEntry(TransportProtocol.Tcp, o.Local.Address.Contains(':', StringComparison.Ordinal) ? IpFamily.IPv6 : IpFamily.IPv4, SocketState.Established, o.Local, o.Remote) { Pid = o.Pid })
            .ToList(),
    };
}
