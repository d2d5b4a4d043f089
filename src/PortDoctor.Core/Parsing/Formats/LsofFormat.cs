using System.Globalization;
using PortDoctor.Core.Model;
using PortDoctor.Core.Parsing.Text;

namespace PortDoctor.Core.Parsing.Formats;

/// <summary>
/// <c>lsof -i</c> (with or without -n -P): one row per open file, so a socket shared by several
/// processes (after fork) appears once per holder; we keep it once, with the first holder.
/// </summary>
public sealed class LsofFormat : IEvidenceFormat
{
    public string Name => "lsof";

    public string Description => "lsof -i [-n -P]";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var first = sample.NonBlank.Select(l => l.TrimStart()).FirstOrDefault(l => !IsWarning(l)) ?? "";
        return first.StartsWith("COMMAND", StringComparison.Ordinal) && first.Contains("PID", StringComparison.Ordinal) &&
            first.Contains("NAME", StringComparison.Ordinal) ? 95 : 0;
    }

    /// <summary>
    /// "lsof: WARNING: can't stat() fuse.gvfsd-fuse file system ..." and its indented "Output
    /// information may be incomplete." come first whenever stderr was captured too (root and gvfs).
    /// </summary>
    internal static bool IsWarning(ReadOnlySpan<char> trimmed) =>
        trimmed.StartsWith("lsof:", StringComparison.Ordinal) || trimmed.StartsWith("Output information may be incomplete", StringComparison.Ordinal);

    public IEvidenceLineReader Start(EvidenceCollector collector) => new LsofReader(collector);
}
