namespace PortDoctor.Core.Tracing;

/// <summary>One process's failed port allocations during a trace, most frequent kind first.</summary>
public sealed record ProcessFailures(
    int Pid,
    string Command,
    IReadOnlyList<FailureCount> Counts,
    DateTimeOffset First,
    DateTimeOffset Last)
{
    public long Total => Counts.Sum(c => c.Count);
}
