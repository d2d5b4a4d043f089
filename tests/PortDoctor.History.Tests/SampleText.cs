using System.Globalization;
using System.Text;
using PortDoctor.Core.Trends;

namespace PortDoctor.History.Tests;

/// <summary>
/// A sample as canonical text, every field: records holding dictionaries and lists compare by
/// reference, so round trips are compared as this text (and a failure shows the differing line).
/// </summary>
internal static class SampleText
{
    public static string Of(HostSample s)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant($"{s.Time:O} {s.Host} ns={s.Namespace} events={s.EventsSinceLast} cost={s.Cost.Duration.Ticks}/{s.Cost.Cpu.Ticks}"));
        text.AppendLine("counters " + string.Join(",", s.KernelCounterDeltas.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => $"{c.Key}={c.Value}")));
        text.AppendLine(s.Probe is { } probe ? Invariant($"probe {probe.Target} {probe.Outcome} {probe.NativeError} {probe.ErrorName} {probe.Elapsed.Ticks}") : "probe none");
        foreach (var pool in s.Pools)
        {
            text.AppendLine(Invariant($"pool {pool.Name} {pool.Capacity} {pool.PortsInUse} {States(pool.ByState)}"));
            foreach (var d in pool.WorstDestinations)
            {
                text.AppendLine(Invariant($"  dest {d.LocalAddress} {d.Remote} {d.Ports} {d.TimeWait}"));
            }
        }

        foreach (var p in s.Processes)
        {
            text.AppendLine(Invariant($"proc {p.Pid} {p.StartTime:O} {p.Name} {p.Ports} {p.Handles} {p.SocketFds} {States(p.ByState)}"));
        }

        foreach (var c in s.Connections)
        {
            text.AppendLine(Invariant($"conn {c.Local} {c.Remote} {c.Pid} {c.ProcessStart:O}"));
        }

        return text.ToString();
    }

    private static string States<TKey>(IReadOnlyDictionary<TKey, int> counts)
        where TKey : notnull =>
        string.Join(",", counts.Select(c => $"{c.Key}={c.Value}").Order(StringComparer.Ordinal));

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
