namespace PortDoctor.Platform.Linux;

/// <summary>
/// What tells whether a process's fd table may have changed since it was walked: the process (PID
/// plus the inode number of its /proc/PID/fd, which procfs gives anew to a later process with the same
/// PID) and its number of open fds (st_size of /proc/PID/fd, Linux 6.2+). <see cref="Instance"/> 0 or
/// <see cref="FdCount"/> <see cref="Unknown"/> where either is unknown (the kernel does not report the
/// count, or statx failed), and then the table is always walked. A count of 0 is a table with no fds
/// (a kernel thread's): unchanged while it stays empty.
/// </summary>
internal readonly record struct FdTableStamp(int Pid, long Instance, long FdCount)
{
    /// <summary>The <see cref="FdCount"/> of a table whose count the kernel did not report.</summary>
    public const long Unknown = -1;

    /// <summary>The same process with the same number of fds, both really reported.</summary>
    public bool Unchanged(FdTableStamp earlier) => FdCount >= 0 && Instance != 0 && this == earlier;
}
