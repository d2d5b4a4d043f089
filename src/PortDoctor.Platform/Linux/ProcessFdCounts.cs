namespace PortDoctor.Platform.Linux;

/// <summary>What one process's /proc/[pid]/fd held.</summary>
internal readonly record struct ProcessFdCounts(int Pid, int FdCount, int SocketCount, int ListedSocketCount)
{
    /// <summary>Socket fds whose inode is in no TCP/UDP table (unix, netlink, or bound-only on old kernels).</summary>
    public int UnlistedSocketCount => SocketCount - ListedSocketCount;
}
