using System.Runtime.Versioning;
using PortDoctor.Core.Tracing;
using PortDoctor.Platform.Tracing;

namespace PortDoctor.Platform.Linux.Tracing;

/// <summary>
/// Takes trace_pipe lines in: keeps the processes asked for (--pid) and the threads of the namespace
/// asked for (--netns), pairs enter and exit events, and tallies the failures. Failures of threads
/// that were gone before their namespace could be read are counted apart, never attributed.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class TraceLineSink(TraceRequest request, TraceClock clock, Func<int, string?> processName)
{
    private readonly HashSet<int> _wanted = [.. request.Pids];
    private readonly ThreadNamespaces? _namespace = request.Namespace is { } ns ? new ThreadNamespaces(ns.Inode) : null;
    private readonly AllocationFailurePairing _unplaced = new(clock);

    public AllocationFailurePairing Pairing { get; } = new(clock);

    public FailureTally Tally { get; } = new(processName);

    public long LostLines { get; private set; }

    /// <summary>Failures of threads whose namespace could not be read (gone before their first event was read).</summary>
    public long Unplaced { get; private set; }

    public void Add(string line)
    {
        if (TracePipeLine.Parse(line) is { } record)
        {
            if (_wanted.Count > 0 && !_wanted.Contains(record.Tgid ?? record.Tid))
            {
                return;
            }

            bool? inside = _namespace is null ? true : _namespace.Contains(record.Tid);
            switch (inside)
            {
                case true when Pairing.Add(record) is { } failure:
                    Tally.Add(failure);
                    break;
                case null when _unplaced.Add(record) is not null:
                    Unplaced++;
                    break;
            }
        }
        else if (TracePipeLine.LostEvents(line) is { } lost)
        {
            LostLines += lost;
        }
    }
}
