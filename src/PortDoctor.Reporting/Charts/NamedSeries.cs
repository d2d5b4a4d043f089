namespace PortDoctor.Reporting.Charts;

/// <summary>
/// One line of a chart: a process ("java (pid 4242)") with its ports, or a socket state
/// ("TIME_WAIT") with its sockets. Points in time order; a moment without a point counts as 0 when
/// series are stacked (the process was not among the sampled top ones, or not running).
/// </summary>
public sealed record NamedSeries(string Name, IReadOnlyList<ChartPoint> Points);
