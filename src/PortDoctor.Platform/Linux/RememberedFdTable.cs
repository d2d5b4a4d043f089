namespace PortDoctor.Platform.Linux;

/// <summary>One process's fd table as last walked: its stamp then, its counts, and its socket inodes with their fd numbers.</summary>
internal sealed record RememberedFdTable(FdTableStamp Stamp, ProcessFdCounts Counts, long[] SocketInodes, int[] SocketFdNumbers);
