namespace PortDoctor.Platform.Linux;

/// <summary>
/// The remembered fd tables turned around: each socket inode with the processes holding it and
/// their number of fds on it. Kept up to date table by table as <see cref="FdTableMemory"/> learns
/// or forgets one, so a sample's join is one lookup per listed socket instead of a rebuild of every
/// table's inodes. Most inodes have one holder; those shared after fork are kept apart.
/// </summary>
internal sealed class InodeHolders
{
    private readonly Dictionary<long, (int Pid, int Fds)> _sole = [];
    private readonly Dictionary<long, Dictionary<int, int>> _shared = [];

    public int Count => _sole.Count + _shared.Count;

    public void Add(int pid, ReadOnlySpan<long> inodes)
    {
        foreach (var inode in inodes)
        {
            if (_shared.TryGetValue(inode, out var holders))
            {
                holders[pid] = holders.GetValueOrDefault(pid) + 1;
            }
            else if (!_sole.TryGetValue(inode, out var sole))
            {
                _sole[inode] = (pid, 1);
            }
            else if (sole.Pid == pid)
            {
                _sole[inode] = (pid, sole.Fds + 1);
            }
            else
            {
                _sole.Remove(inode);
                _shared[inode] = new Dictionary<int, int> { [sole.Pid] = sole.Fds, [pid] = 1 };
            }
        }
    }

    public void Remove(int pid, ReadOnlySpan<long> inodes)
    {
        foreach (var inode in inodes)
        {
            if (_shared.TryGetValue(inode, out var holders))
            {
                if (!holders.TryGetValue(pid, out var fds))
                {
                    continue;
                }

                if (fds > 1)
                {
                    holders[pid] = fds - 1;
                    continue;
                }

                holders.Remove(pid);
                if (holders.Count == 1)
                {
                    var (last, lastFds) = holders.First();
                    _shared.Remove(inode);
                    _sole[inode] = (last, lastFds);
                }
            }
            else if (_sole.TryGetValue(inode, out var sole) && sole.Pid == pid)
            {
                if (sole.Fds <= 1)
                {
                    _sole.Remove(inode);
                }
                else
                {
                    _sole[inode] = (pid, sole.Fds - 1);
                }
            }
        }
    }

    /// <summary>Whether a remembered table holds <paramref name="inode"/>, and which process (the lowest PID when shared).</summary>
    public bool TryHolder(long inode, out int pid)
    {
        if (_sole.TryGetValue(inode, out var sole))
        {
            pid = sole.Pid;
            return true;
        }

        pid = _shared.TryGetValue(inode, out var holders) ? holders.Keys.Min() : -1;
        return pid >= 0;
    }

    /// <summary>What <see cref="SocketOwnership.Join"/> gives over the same tables, from the listed inodes alone.</summary>
    /// <param name="into">Emptied and filled instead of a new one (no large maps allocated per sample); null: a new one.</param>
    public SocketOwnership Join(IReadOnlySet<long> listed, SocketOwnership? into = null)
    {
        ArgumentNullException.ThrowIfNull(listed);
        var ownership = into ?? new SocketOwnership(Math.Min(listed.Count, Count));
        ownership.Clear();

        // A process's sockets come mostly one after another: their fds are summed before the map is touched.
        var (runPid, runFds) = (-1, 0);
        foreach (var inode in listed)
        {
            if (_sole.TryGetValue(inode, out var sole))
            {
                ownership.Owners[inode] = sole.Pid;
                if (sole.Pid != runPid)
                {
                    AddFds(ownership, runPid, runFds);
                    (runPid, runFds) = (sole.Pid, 0);
                }

                runFds += sole.Fds;
            }
            else if (_shared.TryGetValue(inode, out var holders))
            {
                var owner = int.MaxValue;
                foreach (var (pid, fds) in holders)
                {
                    owner = Math.Min(owner, pid);
                    ownership.ListedFdsByPid[pid] = ownership.ListedFdsByPid.GetValueOrDefault(pid) + fds;
                }

                ownership.Owners[inode] = owner;
                foreach (var pid in holders.Keys)
                {
                    if (pid != owner)
                    {
                        ownership.AddShared(pid, owner);
                    }
                }
            }
            else
            {
                ownership.UnownedListed.Add(inode);
            }
        }

        AddFds(ownership, runPid, runFds);
        return ownership;
    }

    private static void AddFds(SocketOwnership ownership, int pid, int fds)
    {
        if (pid >= 0)
        {
            ownership.ListedFdsByPid[pid] = ownership.ListedFdsByPid.GetValueOrDefault(pid) + fds;
        }
    }
}
