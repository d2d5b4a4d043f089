using System.Globalization;

namespace PortDoctor.Evidence.Linux;

/// <summary>
/// <c>lsof -i</c> (with or without -n -P): one row per open file, so a socket shared by several
/// processes (after fork) appears once per holder; we keep it once, with the first holder.
/// </summary>
internal sealed class LsofFormat : IEvidenceFormat
{
    public string Name => "lsof";

    public string Description => "lsof -i [-n -P]";

    public int Recognize(FormatSample sample)
    {
        ArgumentNullException.ThrowIfNull(sample);
        var first = sample.NonBlank.Select(l => l.TrimStart()).FirstOrDefault(l => !IsWarning(l) && !PastedPrompt.IsCommand(l, "lsof")) ?? "";
        if (first.StartsWith("COMMAND", StringComparison.Ordinal) && first.Contains("PID", StringComparison.Ordinal) &&
            first.Contains("NAME", StringComparison.Ordinal))
        {
            return 95;
        }

        if (IsFieldOutput(first) && sample.NonBlank.Any(l => l.StartsWith('n')))
        {
            return 90;
        }

        // `lsof -i | grep ESTABLISHED` loses the header.
        return sample.Count(LooksLikeRow) >= 2 ? 60 : 0;
    }

    /// <summary>"name 1234 user 12u IPv4 0x... 0t0 TCP a:b->c:d (ESTABLISHED)".</summary>
    internal static bool LooksLikeRow(string line)
    {
        Span<Range> r = stackalloc Range[12];
        var span = line.AsSpan();
        var n = Fields.Split(span, r);
        if (n < 8 || !Fields.IsInteger(span[r[1]]))
        {
            return false;
        }

        for (var i = 3; i + 1 < n; i++)
        {
            if (span[r[i]] is "IPv4" or "IPv6" && span[r[n - 1]].Contains(':'))
            {
                return true;
            }

            if (span[r[i]] is "TCP" or "UDP" && span[r[i + 1]].Contains(':'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>`lsof -F` output starts with its process field: "p1234" alone on its line.</summary>
    internal static bool IsFieldOutput(ReadOnlySpan<char> first) =>
        first.Length > 1 && first[0] == 'p' && Fields.IsInteger(first[1..]);

    /// <summary>
    /// "lsof: WARNING: can't stat() fuse.gvfsd-fuse file system ..." and its indented "Output
    /// information may be incomplete." come first whenever stderr was captured too (root and gvfs).
    /// </summary>
    internal static bool IsWarning(ReadOnlySpan<char> trimmed) =>
        trimmed.StartsWith("lsof:", StringComparison.Ordinal) || trimmed.StartsWith("Output information may be incomplete", StringComparison.Ordinal);

    public IEvidenceLineReader Start(EvidenceCollector collector) => new LsofReader(collector);
}
