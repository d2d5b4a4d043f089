using PortDoctor.Core.Model;

namespace PortDoctor.Platform;

/// <summary>What the kernel says besides the socket tables: log lines, counters, and a note when it said nothing readable.</summary>
public sealed record KernelEvidence(IReadOnlyList<PortEvent> Events, IReadOnlyDictionary<string, long>? Counters, string? Note)
{
    public static readonly KernelEvidence None = new([], null, null);
}
