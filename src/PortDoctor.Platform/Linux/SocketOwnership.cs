using System.Runtime.InteropServices;

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

    /// <summary>
    /// Listed sockets held by a process that is not their owner (a child that inherited them over
    /// fork, or a process they were passed to): holder PID to owner PID to sockets. Usually empty.
    /// </summary>
    public Dictionary<int, Dictionary<int, int>> SharedByHolder { get; } = [];

    /// <summary>Listed inodes no remembered table holds (filled by <see cref="InodeHolders.Join"/> only).</summary>
    public List<long> UnownedListed { get; } = [];

    /// <summary>Empties the maps, keeping their capacity (one instance serves every collection of a monitor).</summary>
    internal void Clear()
    {
        Owners.Clear();
        UnownedListed.Clear();
        ListedFdsByPid.Clear();
        SharedByHolder.Clear();
    }

    /// <summary>Counts one listed socket of <paramref name="owner"/> that <paramref name="holder"/> holds too.</summary>
    internal void AddShared(int holder, int owner)
    {
        if (!SharedByHolder.TryGetValue(holder, out var owners))
        {
            SharedByHolder[holder] = owners = [];
        }

        owners[owner] = owners.GetValueOrDefault(owner) + 1;
    }

    public static SocketOwnership Join(ProcFdScan scan, IReadOnlySet<long> listed)
    {
        ArgumentNullException.ThrowIfNull(scan);
        ArgumentNullException.ThrowIfNull(listed);
        var ownership = new SocketOwnership();
        var shared = false;
        foreach (var (inode, pid, _) in scan.SocketFds)
        {
            if (!listed.Contains(inode))
            {
                continue; // unix, netlink, ... or a socket that appeared after the dump
            }

            ownership.ListedFdsByPid[pid] = ownership.ListedFdsByPid.GetValueOrDefault(pid) + 1;
            ref var owner = ref CollectionsMarshal.GetValueRefOrAddDefault(ownership.Owners, inode, out var known);
            if (!known || pid < owner)
            {
                shared |= known;
                owner = pid;
            }
            else
            {
                shared |= owner != pid;
            }
        }

        if (shared)
        {
            // Rare (inherited over fork): each other holder counted once per socket, whatever its fds on it.
            var counted = new HashSet<(long, int)>();
            foreach (var (inode, pid, _) in scan.SocketFds)
            {
                if (ownership.Owners.TryGetValue(inode, out var owner) && owner != pid && counted.Add((inode, pid)))
                {
                    ownership.AddShared(pid, owner);
                }
            }
        }

        return ownership;
    }
}
