namespace PortDoctor.Evidence.PowerShell;

/// <summary>One Group-Object row as a chunk worker parsed it: the count, the state and PID it groups, the process name if shown.</summary>
internal readonly record struct GroupObjectRow(int Count, SocketState State, int Pid, string? Process);
