namespace PortDoctor.Evidence.FastPath;

/// <summary>
/// A line of a chunk of <see cref="ParallelUtf8Source"/> that is no row: how many rows of the chunk
/// came before it, its line index in the chunk, where its bytes are, and its mark
/// (<see cref="IBatchLineReader{TRow}.MarkDeclined"/>).
/// </summary>
internal readonly record struct ChunkLine(int Rows, long Line, int Start, int Length, ulong Mark);
