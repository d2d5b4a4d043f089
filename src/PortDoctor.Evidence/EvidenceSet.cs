namespace PortDoctor.Evidence;

/// <summary>
/// Everything a set of files told: the latest snapshot merged with the port configuration and
/// events from all files, a summary per sample when a file was a time series, and per file what
/// it contributed and what it could not tell.
/// </summary>
public sealed record EvidenceSet
{
    /// <summary>The latest socket snapshot, with Ports, Events, Notes and Sources of every file merged in.</summary>
    public required Snapshot Latest { get; init; }

    /// <summary>
    /// The snapshots read, in time order, as counts (one per block of a periodic log): every one up
    /// to <see cref="SeriesTrend.MaxKept"/>, past that as many spread evenly over the series, so a
    /// log of millions of samples is held in constant memory. <see cref="SampleCount"/> says how many there were.
    /// </summary>
    public IReadOnlyList<SampleSummary> Series { get; init; } = [];

    /// <summary>How many snapshots were read (all of them, also those <see cref="Series"/> left out).</summary>
    public long SampleCount { get; init; }

    public IReadOnlyList<SourceReport> Sources { get; init; } = [];

    public PortConfiguration Ports => Latest.Ports ?? new PortConfiguration();

    public IReadOnlyList<PortEvent> Events => Latest.Events;

    /// <summary>Notes of all files plus those about the merge (assumed ranges, several socket sources).</summary>
    public IReadOnlyList<Note> Notes => Latest.Notes;

    /// <summary>True when there is more than one sample: growth across samples can be computed.</summary>
    public bool IsTimeSeries => SampleCount > 1;

    /// <summary>Each process's socket count from the first to the last sample (and its peak over every sample), largest growth first.</summary>
    public IReadOnlyList<ProcessGrowth> Growth { get; init; } = [];

    /// <summary>
    /// True when some file gave at least one socket row: ranges, events, process lists, an empty
    /// file or a file whose every row was unreadable are no socket evidence, and no verdict can rest on them.
    /// </summary>
    public bool HasSockets { get; init; }

    /// <summary>
    /// Throws (bad input) when no file gave a socket, with one line naming each file and what it was:
    /// an answer without sockets would be "healthy" for want of data.
    /// </summary>
    public void RequireSockets()
    {
        if (HasSockets)
        {
            return;
        }

        var files = Sources.Select(s => s.UnreadableCount > 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{System.IO.Path.GetFileName(s.Path)} ({s.Format}, {s.UnreadableCount} unreadable line{(s.UnreadableCount == 1 ? "" : "s")})")
            : $"{System.IO.Path.GetFileName(s.Path)} ({s.Format})");
        throw new PortDoctorException(
            $"no socket evidence in {string.Join(", ", files)}: give netstat -ano (-anob, -anoq), ss -tanp, Get-NetTCPConnection or /proc/net/tcp output",
            ExitCode.BadInput);
    }
}
