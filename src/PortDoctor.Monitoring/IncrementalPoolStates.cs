using System.Runtime.InteropServices;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;

namespace PortDoctor.Monitoring;

/// <summary>
/// Each pool's sockets by state (the sockets of its protocol and family with a local port in its
/// range), kept between samples: counted up for the sockets that appeared and down for those that
/// vanished. Afresh when <see cref="AfreshSchedule"/> says, when the pools
/// or their ranges change, and when the listing cannot be compared with the previous one; equal to
/// a count over every socket after every step (IncrementalSampleTests). States come in their enum order.
/// </summary>
internal sealed class IncrementalPoolStates
{
    private (TransportProtocol Protocol, IpFamily? Family, PortRange Range)[] _pools = [];
    private Dictionary<SocketState, int>[] _states = [];
    private bool _valid;
    private AfreshSchedule _afresh;

    /// <summary>Whether the last call counted everything afresh (a test seam).</summary>
    public bool LastWasFull { get; private set; }

    /// <param name="comparable">Whether <paramref name="turnover"/> leads from the previous call's listing to this snapshot's.</param>
    public List<Dictionary<SocketState, int>> Count(IReadOnlyList<EphemeralUsage> usage, Snapshot snapshot, SocketTurnover turnover, bool comparable)
    {
        var pools = usage.Select(u => (u.Protocol, u.Family, u.Range)).ToArray();
        var valid = _valid;
        _valid = false; // until this call is through
        LastWasFull = !valid || !comparable || _afresh.Due(snapshot.Time) || !pools.AsSpan().SequenceEqual(_pools);
        if (LastWasFull)
        {
            (_pools, _states) = (pools, new Dictionary<SocketState, int>[pools.Length]);
            _afresh.Counted(snapshot.Time);
            for (var p = 0; p < pools.Length; p++)
            {
                _states[p] = [];
            }

            Add(snapshot.Sockets, 1);
        }
        else
        {
            Add(turnover.Vanished, -1);
            Add(turnover.Appeared, 1);
        }

        _valid = true;
        return [.. _states.Select(InOrder)];
    }

    private void Add(IReadOnlyList<SocketEntry> sockets, int sign)
    {
        foreach (var socket in sockets)
        {
            for (var p = 0; p < _pools.Length; p++)
            {
                var (protocol, family, range) = _pools[p];
                if (socket.Protocol == protocol && (family is null || socket.Family == family) && range.Contains(socket.Local.Port))
                {
                    ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_states[p], socket.State, out _);
                    count += sign;
                    if (count == 0)
                    {
                        _states[p].Remove(socket.State);
                    }
                }
            }
        }
    }

    private static Dictionary<SocketState, int> InOrder(Dictionary<SocketState, int> states)
    {
        var ordered = new Dictionary<SocketState, int>(states.Count);
        foreach (var (state, count) in states.OrderBy(s => s.Key))
        {
            ordered[state] = count;
        }

        return ordered;
    }
}
