namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>
/// One point of a series to forecast: the ports held at <see cref="Time"/> (a pool's or one
/// process's). <see cref="TimeWait"/> is the part of them held only by TIME_WAIT, which churn keeps
/// at a steady level rather than growing; <see cref="Capacity"/> the pool's size then, when known
/// (a change is a range change); <see cref="Instance"/> the process instance behind a per-process
/// series (a PID and start time), whose change is a restart.
/// </summary>
public sealed record SeriesSample(DateTimeOffset Time, int Ports)
{
    public int TimeWait { get; init; }

    public int? Capacity { get; init; }

    public string? Instance { get; init; }

    /// <summary>Ports held by a live socket (not only TIME_WAIT): the part a leak grows.</summary>
    public int Owned => Math.Max(0, Ports - TimeWait);
}
