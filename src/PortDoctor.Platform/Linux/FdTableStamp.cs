namespace PortDoctor.Platform.Linux;

/// <summary>
/// What tells whether a process's fd table may have changed since it was walked: the process
/// (PID plus start time, since PIDs are reused) and its number of open fds (st_size of
/// /proc/PID/fd, Linux 6.2+; 0 where the kernel does not report it, and then it is always walked).
/// </summary>
internal readonly record struct FdTableStamp(int Pid, long StartTicks, long FdCount)
{
    /// <summary>The same process with the same number of fds, and a count the kernel really reported.</summary>
    public bool Unchanged(FdTableStamp earlier) => FdCount > 0 && this == earlier;
}
