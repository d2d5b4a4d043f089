namespace PortDoctor.Evidence.FastPath;

/// <summary>The row type of a reader whose lines are never rows but are marked on the chunk workers (<see cref="IBatchLineReader{TRow}.MarkDeclined"/>).</summary>
internal readonly record struct NoRow;
