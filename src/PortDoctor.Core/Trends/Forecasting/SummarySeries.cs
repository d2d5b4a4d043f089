using PortDoctor.Core.Model;

namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>
/// A periodic log's per-sample counts as series to forecast. A log gives counts per state, not
/// ports per pool, so its growth comes from the counts (every state that holds a local port,
/// LISTEN and SYN_RECEIVED left out) and its level from the latest snapshot's exact headline: the
/// series is shifted so its last sample reads what the analysis counted then.
/// </summary>
public static class SummarySeries
{
    private static readonly SocketState[] Held =
    [
        SocketState.Established, SocketState.SynSent, SocketState.FinWait1, SocketState.FinWait2, SocketState.TimeWait,
        SocketState.CloseWait, SocketState.LastAck, SocketState.Closing, SocketState.Bound, SocketState.DeleteTcb,
    ];

    /// <summary>The headline series, its last sample at <paramref name="portsNow"/> ports (<paramref name="timeWaitNow"/> of them TIME_WAIT only).</summary>
    public static IReadOnlyList<SeriesSample> Headline(IReadOnlyList<SampleSummary> series, int portsNow, int timeWaitNow)
    {
        ArgumentNullException.ThrowIfNull(series);
        if (series.Count == 0)
        {
            return [];
        }

        var last = series[^1];
        var (shift, timeWaitShift) = (portsNow - Ports(last), timeWaitNow - last.ByState.GetValueOrDefault(SocketState.TimeWait));
        return [.. series.Select(s => new SeriesSample(s.Time, Math.Max(0, Ports(s) + shift))
        {
            TimeWait = Math.Clamp(s.ByState.GetValueOrDefault(SocketState.TimeWait) + timeWaitShift, 0, Math.Max(0, Ports(s) + shift)),
        })];
    }

    /// <summary>
    /// The <paramref name="top"/> PIDs with the most sockets at some sample, their sockets per
    /// sample (a PID absent from a sample had none), named by <paramref name="name"/> or "pid N".
    /// </summary>
    public static IReadOnlyList<ProcessPoint> Processes(IReadOnlyList<SampleSummary> series, Func<int, string?> name, int top = 20)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(name);
        var peaks = new Dictionary<int, int>();
        foreach (var (pid, count) in series.SelectMany(s => s.ByPid))
        {
            peaks[pid] = Math.Max(peaks.GetValueOrDefault(pid), count);
        }

        var pids = peaks.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(top).Select(p => p.Key).ToList();
        var names = pids.ToDictionary(p => p, p => name(p) ?? Unnamed(p));
        return [.. series.SelectMany(s => pids.Select(p => new ProcessPoint(s.Time, p, null, names[p], s.ByPid.GetValueOrDefault(p))))];
    }

    /// <summary>The series name of a PID no source named ("pid N"): a key, not a process name to show.</summary>
    public static string Unnamed(int pid) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"pid {pid}");

    private static int Ports(SampleSummary sample)
    {
        var ports = 0;
        foreach (var state in Held)
        {
            ports += sample.ByState.GetValueOrDefault(state);
        }

        return ports;
    }
}
