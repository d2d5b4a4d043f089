namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// A line of a chunk of <see cref="ParallelUtf8Source"/> that is no row: how many rows of the chunk
/// came before it, its line index in the chunk (an int: a chunk has fewer lines than bytes; 24 bytes
/// a line, not 32: a one-row sample has three), where its bytes are, and its mark
/// (<see cref="IBatchLineReader{TRow}.MarkDeclined"/>).
/// </summary>
internal readonly record struct ChunkLine(int Rows, int Line, int Start, int Length, ulong Mark);
