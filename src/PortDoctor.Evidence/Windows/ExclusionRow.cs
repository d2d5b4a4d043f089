namespace PortDoctor.Evidence.Windows;

/// <summary>One netsh excluded-port row as a chunk worker parsed it ("     50000       50059     *": administered).</summary>
internal readonly record struct ExclusionRow(int Start, int End, bool Administered);
