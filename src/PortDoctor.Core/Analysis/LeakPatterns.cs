using PortDoctor.Core.Model;

namespace PortDoctor.Core.Analysis;

/// <summary>
/// Matches each process against the pattern signatures and ranks culprits, most likely first.
/// A process is a culprit when it holds a real share of the pool (or has a culprit-sized handle count).
/// </summary>
public static class LeakPatterns
{
    /// <summary>Share of capacity from which one process is named a culprit.</summary>
    public const double CulpritSharePercent = 10;

    /// <summary>Unlisted sockets count as bound-only evidence only from this many on (unix sockets are common).</summary>
    public const int UnlistedBoundMinimum = 100;

    public static IReadOnlyList<Culprit> FindCulprits(IReadOnlyList<ProcessConsumer> consumers, EphemeralUsage? headline)
    {
        var culprits = new List<Culprit>();
        foreach (var consumer in consumers)
        {
            if (Of(consumer, headline) is { } culprit
                && (culprit.SharePercent >= CulpritSharePercent || consumer.HandleLevel == HandleLevel.LikelyCulprit))
            {
                culprits.Add(culprit);
            }
        }

        return culprits
            .OrderByDescending(c => c.Ports)
            .ThenByDescending(c => c.HandleCount ?? 0)
            .ThenBy(c => c.Pid)
            .ToList();
    }

    /// <summary>
    /// Programs whose processes hold <see cref="CulpritSharePercent"/> of the pool together though none
    /// does alone (seen live: 450 processes of one script, 2 connections each, 90% of the pool, said
    /// "Culprit: none"). Names already given by a process culprit are left out, and so is svchost:
    /// each instance hosts other Windows services, so its processes are no one program.
    /// </summary>
    public static IReadOnlyList<Culprit> FindPrograms(IReadOnlyList<ProcessConsumer> consumers, EphemeralUsage? headline, IReadOnlyList<Culprit> culprits)
    {
        var named = culprits.Select(c => c.Process).OfType<string>().ToHashSet(StringComparer.Ordinal);
        named.Add("svchost");
        named.Add("svchost.exe");
        var programs = new List<Culprit>();
        foreach (var group in consumers.Where(c => c.Process is { } name && !named.Contains(name) && c.EphemeralPorts > 0).GroupBy(c => c.Process!, StringComparer.Ordinal))
        {
            var members = group.OrderByDescending(c => c.EphemeralPorts).ThenBy(c => c.Pid).ToList();
            var ports = members.Sum(c => c.EphemeralPorts);
            var share = Math.Round(100.0 * ports / Math.Max(headline?.Capacity ?? 0, 1), 1);
            if (members.Count < 2 || share < CulpritSharePercent)
            {
                continue;
            }

            var counts = Enum.GetValues<LeakPattern>().ToDictionary(p => p, _ => 0);
            foreach (var member in members)
            {
                foreach (var (pattern, count) in Signature(member))
                {
                    counts[pattern] += count;
                }
            }

            var top = members.SelectMany(c => c.TopDestinations).GroupBy(d => d.Remote)
                .Select(g => (Remote: g.Key, Sockets: g.Sum(d => d.Sockets))).OrderByDescending(d => d.Sockets).FirstOrDefault();
            programs.Add(new Culprit(members[0].Pid, group.Key, counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).First().Key)
            {
                Ports = ports,
                SharePercent = share,
                Counts = counts,
                TopDestination = top.Remote,
                TopDestinationSockets = top.Sockets,
                MemberPids = [.. members.Select(c => c.Pid)],
            });
        }

        return [.. programs.OrderByDescending(c => c.Ports).ThenBy(c => c.Pid)];
    }

    /// <summary>The process as a culprit, whatever its share (null when it holds no socket of any pattern).</summary>
    public static Culprit? Of(ProcessConsumer consumer, EphemeralUsage? headline)
    {
        var counts = Signature(consumer);
        if (counts.Values.Sum() == 0)
        {
            return null;
        }

        var ports = Math.Max(consumer.EphemeralPorts, counts[LeakPattern.Bound]);
        var pattern = counts.OrderByDescending(c => c.Value).ThenBy(c => c.Key).First().Key;
        return new Culprit(consumer.Pid, consumer.Process, pattern)
        {
            Ports = ports,
            SharePercent = Math.Round(100.0 * ports / Math.Max(headline?.Capacity ?? 0, 1), 1),
            Counts = counts,
            HandleCount = consumer.HandleCount,
            SocketCount = consumer.SocketCount,
            HandleLevel = consumer.HandleLevel,
            TimeWaitConfidence = consumer.TimeWaitConfidence,
            TopDestination = consumer.TopDestination,
            TopDestinationSockets = consumer.TopDestinationSockets,
        };
    }

    /// <summary>The count behind each signature for one process.</summary>
    public static Dictionary<LeakPattern, int> Signature(ProcessConsumer consumer)
    {
        var states = consumer.EphemeralByState;
        var bound = states.GetValueOrDefault(SocketState.Bound) + states.GetValueOrDefault(SocketState.Closed);
        if (bound == 0 && !consumer.BoundOnlyListed && consumer.UnlistedSocketCount is >= UnlistedBoundMinimum and var unlisted)
        {
            // The kernel does not list bound-only sockets in every version; the fd scan still sees them.
            // Where it does (6.10+), fds in no table are other sockets (unix, or TCP reset and never closed).
            bound = unlisted;
        }

        return new Dictionary<LeakPattern, int>
        {
            [LeakPattern.Bound] = bound,
            [LeakPattern.Established] = states.GetValueOrDefault(SocketState.Established),
            [LeakPattern.CloseWait] = states.GetValueOrDefault(SocketState.CloseWait),
            [LeakPattern.TimeWait] = consumer.AttributedTimeWait,
            [LeakPattern.SynSent] = states.GetValueOrDefault(SocketState.SynSent),
            [LeakPattern.Closing] = consumer.AttributedClosing + states.GetValueOrDefault(SocketState.FinWait1) +
                states.GetValueOrDefault(SocketState.FinWait2) + states.GetValueOrDefault(SocketState.Closing) + states.GetValueOrDefault(SocketState.LastAck),
            [LeakPattern.UdpBound] = consumer.EphemeralUdp,
        };
    }
}
