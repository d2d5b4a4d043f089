using System.Globalization;
using System.Text;

namespace PortDoctor.Evidence;

/// <summary>What one file was, and what it contributed to the evidence.</summary>
public sealed record SourceReport
{
    public required string Path { get; init; }

    public required string Format { get; init; }

    public required string Encoding { get; init; }

    public int Snapshots { get; init; }

    public long Sockets { get; init; }

    public int Ranges { get; init; }

    public int Exclusions { get; init; }

    public int Events { get; init; }

    public int Settings { get; init; }

    /// <summary>Processes a process list (Get-Process, tasklist) named.</summary>
    public int Processes { get; init; }

    public long UnreadableCount { get; init; }

    /// <summary>The first unreadable line numbers (at most 20).</summary>
    public IReadOnlyList<long> UnreadableLines { get; init; } = [];

    /// <summary>What the file cannot tell.</summary>
    public IReadOnlyList<Note> Notes { get; init; } = [];

    /// <summary>"netstat.txt (Windows netstat, UTF-16LE with BOM): 1 snapshot, 812 sockets".</summary>
    public string Contribution
    {
        get
        {
            var parts = new List<string>();
            void Add(long n, string one, string many)
            {
                if (n > 0)
                {
                    parts.Add(string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? one : many)}"));
                }
            }

            Add(Snapshots, "snapshot", "snapshots");
            Add(Sockets, "socket", "sockets");
            Add(Ranges, "dynamic port range", "dynamic port ranges");
            Add(Exclusions, "excluded port range", "excluded port ranges");
            Add(Events, "event", "events");
            Add(Settings, "setting", "settings");
            Add(Processes, "process", "processes");
            var what = parts.Count == 0 ? "nothing usable" : string.Join(", ", parts);
            return $"{System.IO.Path.GetFileName(Path)} ({Format}, {Encoding}): {what}";
        }
    }

    /// <summary>"3 unreadable lines: 1204, 1377, 9001", or null when every line was read.</summary>
    public string? UnreadableSummary
    {
        get
        {
            if (UnreadableCount == 0)
            {
                return null;
            }

            var text = new StringBuilder();
            text.Append(CultureInfo.InvariantCulture, $"{UnreadableCount} unreadable line{(UnreadableCount == 1 ? "" : "s")}: ");
            text.AppendJoin(", ", UnreadableLines.Select(l => l.ToString(CultureInfo.InvariantCulture)));
            if (UnreadableCount > UnreadableLines.Count)
            {
                text.Append(", ...");
            }

            return text.ToString();
        }
    }
}
