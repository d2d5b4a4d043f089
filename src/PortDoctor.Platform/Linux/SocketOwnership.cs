namespace PortDoctor.Platform.Linux;

/// <summary>
/// Joins a /proc fd walk with the sockets the kernel listed: who owns each listed inode, and how
/// many listed sockets each process holds. Pure, so the join is tested without a kernel.
/// </summary>
internal sealed class SocketOwnership
{
    /// <param name="capacity">How many owners to expect: sized once instead of grown socket by socket.</param>
    internal SocketOwnership(int capacity = 0)
    {
        Owners = new Dictionary<long, int>(capacity);
    }

    /// <summary>Listed inode to its owner; the lowest PID when several processes share it.</summary>
    public Dictionary<long, int> Owners { get; }

    /// <summary>PID to the number of its socket fds whose inode the kernel listed.</summary>
    public Dictionary<int, int> ListedFdsByPid { get; } = [];

    /// <summary>Empties both maps, keeping their capacity (one instance serves every collection of a monitor).</summary>
    internal void Clear()
    {
        Owners.Clear();
        ListedFdsByPid.Clear();
    }

    public static SocketOwnership Join(ProcFdScan scan, IReadOnlySet<long> listed)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(listed);
        var ownership = new SocketOwnership();
        foreach (var (inode, pid) in scan.SocketFds)
        {
            if (!listed.Contains(inode))
            {
                continue; // unix, netlink, ... or a socket that appeared after the dump
            }

            ownership.ListedFdsByPid[pid] = ownership.ListedFdsByPid.GetValueOrDefault(pid) + 1;
            if (!ownership.Owners.TryGetValue(inode, out var existing) || pid < existing)
            {
                ownership.Owners[inode] = pid;
            }
        }

        return ownership;
    }
}
