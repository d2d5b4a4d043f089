namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// A whole block of a chunk (a sample of a periodic log, from its timestamp line to the next),
/// counted on the chunk's worker (<see cref="IBatchLineReader{TRow}.TryCountBlock"/>): its counts,
/// the rows that had a PID column, and whether rows came after its last column header (the
/// reader's state after the block: its last rows may still get -b lines).
/// </summary>
internal readonly record struct BlockCount(SampleCounts Counts, int RowsWithPid, bool RowsAfterHeader);
