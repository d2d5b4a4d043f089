namespace PortDoctor.Platform.Linux;

/// <summary>
/// What tells whether a process's fd table may have changed since it was walked: the process (PID
/// plus the inode number of its /proc/PID/fd, which procfs gives anew to a later process with the same
/// PID) and its number of open fds (st_size of /proc/PID/fd, Linux 6.2+). 0 where either is unknown
/// (the kernel does not report the count, or statx failed), and then the table is always walked.
/// </summary>
internal readonly record struct FdTableStamp(int Pid, long Instance, long FdCount)
{
    /// <summary>The same process with the same number of fds, both really reported.</summary>
    public bool Unchanged(FdTableStamp earlier) => FdCount > 0 && Instance != 0 && this == earlier;
}
