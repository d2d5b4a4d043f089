namespace PortDoctor.Platform.Linux;

/// <summary>
/// One process's fd table as last walked: its stamp then, its counts, its socket inodes with their fd numbers,
/// and every fd number it had (sorted).
/// </summary>
internal sealed record RememberedFdTable(FdTableStamp Stamp, ProcessFdCounts Counts, long[] SocketInodes, int[] SocketFdNumbers, int[] FdNumbers);
