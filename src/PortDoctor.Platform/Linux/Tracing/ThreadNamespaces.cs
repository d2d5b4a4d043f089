using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;

namespace PortDoctor.Platform.Linux.Tracing;

/// <summary>
/// Whether a traced thread is in the network namespace asked for: tracefs events are host-wide and no
/// kernel event filter knows namespaces (set_event_pid would miss processes that enter it later, as
/// `ip netns exec` does), so each event's thread is looked up in /proc/TID/ns/net. The answer is
/// cached per thread for <see cref="Fresh"/>: a thread seen once is still placed after it exits
/// (its exit event is read after it is gone), and a reused thread id or a setns is seen within a second.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class ThreadNamespaces(ulong inode)
{
    /// <summary>How long one look-up stands before the link is read again.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(1);

    private readonly Dictionary<int, (ulong? Inode, long ReadAt)> _byThread = [];
    private long _lastPrune = Stopwatch.GetTimestamp();

    /// <summary>True inside, false elsewhere, null when the thread was gone before it could be placed.</summary>
    public bool? Contains(int tid)
    {
        var now = Stopwatch.GetTimestamp();
        if (_byThread.TryGetValue(tid, out var cached) && Stopwatch.GetElapsedTime(cached.ReadAt, now) < Fresh)
        {
            return cached.Inode is { } known ? known == inode : null;
        }

        // A thread that exited keeps the namespace it was last seen in: its remaining events are older than its exit.
        var read = LinuxNamespaceList.InodeOfLink($"/proc/{tid.ToString(CultureInfo.InvariantCulture)}/ns/net") ?? cached.Inode;
        _byThread[tid] = (read, now);
        Prune(now);
        return read is { } found ? found == inode : null;
    }

    /// <summary>Forgets threads not looked up for a minute, so a long trace of a busy host stays small.</summary>
    private void Prune(long now)
    {
        if (Stopwatch.GetElapsedTime(_lastPrune, now) < TimeSpan.FromMinutes(1))
        {
            return;
        }

        _lastPrune = now;
        foreach (var stale in _byThread.Where(t => Stopwatch.GetElapsedTime(t.Value.ReadAt, now) > TimeSpan.FromMinutes(1)).Select(t => t.Key).ToList())
        {
            _byThread.Remove(stale);
        }
    }
}
