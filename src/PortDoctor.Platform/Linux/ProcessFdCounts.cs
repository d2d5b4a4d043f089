namespace PortDoctor.Platform.Linux;

/// <summary>What one process's /proc/[pid]/fd held: all fds, and how many are sockets.</summary>
internal readonly record struct ProcessFdCounts(int Pid, int FdCount, int SocketCount);
