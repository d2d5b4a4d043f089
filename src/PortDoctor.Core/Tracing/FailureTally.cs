namespace PortDoctor.Core.Tracing;

/// <summary>Adds failures up per process; the process name comes from the caller (e.g. /proc/PID/comm read at first sight).</summary>
public sealed class FailureTally(Func<int, string?> processName)
{
    private readonly Dictionary<int, Entry> _byPid = [];

    public long Total { get; private set; }

    public void Add(AllocationFailure failure)
    {
        if (!_byPid.TryGetValue(failure.Pid, out var entry))
        {
            entry = new Entry(processName(failure.Pid) ?? failure.ThreadName, failure.At);
            _byPid[failure.Pid] = entry;
        }

        var key = (failure.Call, failure.Errno, failure.Family);
        entry.Counts[key] = entry.Counts.GetValueOrDefault(key) + 1;
        entry.Last = failure.At > entry.Last ? failure.At : entry.Last;
        entry.First = failure.At < entry.First ? failure.At : entry.First;
        Total++;
    }

    /// <summary>Processes with the most failures first; ties by PID so the order is stable.</summary>
    public IReadOnlyList<ProcessFailures> Processes() =>
        [.. _byPid.Select(p => new ProcessFailures(
                p.Key,
                p.Value.Command,
                [.. p.Value.Counts
                    .OrderByDescending(c => c.Value)
                    .ThenBy(c => c.Key.Call)
                    .ThenBy(c => c.Key.Errno, StringComparer.Ordinal)
                    .ThenBy(c => c.Key.Family, StringComparer.Ordinal)
                    .Select(c => new FailureCount(c.Key.Call, c.Key.Errno, c.Key.Family, c.Value))],
                p.Value.First,
                p.Value.Last))
            .OrderByDescending(p => p.Total)
            .ThenBy(p => p.Pid)];

    private sealed class Entry(string command, DateTimeOffset at)
    {
        public string Command { get; } = command;

        public DateTimeOffset First { get; set; } = at;

        public DateTimeOffset Last { get; set; } = at;

        public Dictionary<(AllocationSyscall Call, string Errno, string? Family), long> Counts { get; } = [];
    }
}
