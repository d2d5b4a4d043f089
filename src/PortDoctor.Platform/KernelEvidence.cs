using PortDoctor.Core.Model;

namespace PortDoctor.Platform;

/// <summary>What the OS says besides the socket tables: events and log lines, counters, and a note when it said nothing readable.</summary>
public sealed record KernelEvidence(IReadOnlyList<PortEvent> Events, IReadOnlyDictionary<string, long>? Counters, Note? Note)
{
    public static readonly KernelEvidence None = new([], null, null);

    /// <summary>Where it came from, for the snapshot's sources; null when nothing was read.</summary>
    public string? Source { get; init; }
}
