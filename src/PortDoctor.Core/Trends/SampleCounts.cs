using PortDoctor.Core.Model;

namespace PortDoctor.Core.Trends;

/// <summary>
/// A sample's counts before it has a time (<see cref="SampleSummary.Count"/>): a reader's worker
/// thread counts a block, and the reading thread, which decides its time in file order, dates it
/// (<see cref="SampleSummary.OfCounts(DateTimeOffset, string, SampleCounts)"/>). The array is shared, never changed.
/// </summary>
public readonly struct SampleCounts
{
    internal SampleCounts(int total, SampleCount[] counts, int pidsAt, int pairsAt) =>
        (Total, Counts, PidsAt, PairsAt) = (total, counts, pidsAt, pairsAt);

    public int Total { get; }

    /// <summary>The counts of a sample of one socket (a one-row sample of a periodic log): what <see cref="SampleSummary.Count"/> gives for it.</summary>
    public static SampleCounts One(SocketState state, int pid) => pid == 0
        ? new(1, [new SampleCount(0, state, 1)], 1, 1)
        : new(1, [new SampleCount(0, state, 1), new SampleCount(pid, default, 1), new SampleCount(pid, state, 1)], 1, 2);

    /// <summary>Totals per state, then per PID, then per PID and state.</summary>
    internal SampleCount[] Counts { get; }

    internal int PidsAt { get; }

    internal int PairsAt { get; }

    /// <summary>The sockets in <paramref name="state"/>.</summary>
    public int CountOf(SocketState state)
    {
        foreach (var count in Counts.AsSpan(0, PidsAt))
        {
            if (count.State == state)
            {
                return count.Count;
            }
        }

        return 0;
    }
}
