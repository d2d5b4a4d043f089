namespace PortDoctor.History;

/// <summary>
/// One process's ports over one raw sample or one rollup bucket. Samples counts the samples it
/// was among the top processes in; the average is over those, not over the whole bucket.
/// </summary>
public sealed record ProcessSeriesPoint(DateTimeOffset Time, int Pid, DateTimeOffset? StartTime, string Name, int Samples, int PortsMin, int PortsMax, double PortsAverage);
