namespace PortDoctor.Evidence;

/// <summary>
/// What one capture adds to another of the same host taken minutes apart, without counting a socket
/// twice: BOUND rows (<c>netstat -anoq</c>) when the snapshot has none, and process names
/// (<c>netstat -anob</c>, Get-Process, tasklist) and handle counts for PIDs it has not named.
/// Nothing else is taken over: two plain captures are two moments, and the later one is judged.
/// </summary>
internal static class SnapshotComplement
{
    /// <summary>Captures further apart than this are not taken as one moment.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    /// <summary>The snapshot with the other's BOUND rows (if it had none) and names; what was taken, as counts.</summary>
    public static Snapshot With(Snapshot snapshot, Snapshot other, out int boundAdded, out int namesAdded)
    {
        boundAdded = 0;
        var sockets = snapshot.Sockets;
        if (!sockets.Any(s => s.State == SocketState.Bound))
        {
            var bound = other.Sockets.Where(s => s.State == SocketState.Bound).ToList();
            if (bound.Count > 0)
            {
                sockets = [.. sockets, .. bound];
                boundAdded = bound.Count;
            }
        }

        var processes = WithProcesses(snapshot.Processes, other.Processes.Values, out namesAdded, out _);
        return snapshot with { Sockets = Named(sockets, processes), Processes = processes };
    }

    /// <summary>
    /// The table with each listed process added: a PID not in it is added whole; a PID in it keeps its
    /// name (netstat -b's "app.exe" over Get-Process's "app") and gains a handle count it lacked.
    /// </summary>
    public static Dictionary<int, ProcessInfo> WithProcesses(
        IReadOnlyDictionary<int, ProcessInfo> table, IEnumerable<ProcessInfo> listed, out int named, out int handleCounts)
    {
        named = handleCounts = 0;
        var result = new Dictionary<int, ProcessInfo>(table);
        foreach (var process in listed)
        {
            result.TryGetValue(process.Pid, out var known);
            if (known is null || known.Name.Length == 0)
            {
                named += process.Name.Length > 0 ? 1 : 0;
                known = known is null ? process with { HandleCount = null } : known with { Name = process.Name };
            }

            if (known.HandleCount is null && process.HandleCount is not null)
            {
                handleCounts++;
                known = known with { HandleCount = process.HandleCount };
            }

            if (process.Services.Count > 0)
            {
                known = known with { Services = [.. known.Services.Union(process.Services, StringComparer.Ordinal)] };
            }

            result[process.Pid] = known;
        }

        return result;
    }

    /// <summary>Sockets whose row had a PID but no name get the name the table now has.</summary>
    public static IReadOnlyList<SocketEntry> Named(IReadOnlyList<SocketEntry> sockets, Dictionary<int, ProcessInfo> processes)
    {
        if (!sockets.Any(s => s is { Pid: { } pid, ProcessName: null } && processes.ContainsKey(pid)))
        {
            return sockets;
        }

        return [.. sockets.Select(s => s is { Pid: { } pid, ProcessName: null } && processes.TryGetValue(pid, out var p) && p.Name.Length > 0
            ? s with { ProcessName = p.Name }
            : s)];
    }
}
