namespace PortDoctor.History;

/// <summary>
/// The headline pool over one raw sample (Samples = 1, min = max = average) or one rollup bucket
/// (Time is the bucket's start). The headline is each sample's fullest pool.
/// </summary>
public sealed record SeriesPoint(DateTimeOffset Time, int Samples, int PortsMin, int PortsMax, double PortsAverage)
{
    public double UtilizationMin { get; init; }

    public double UtilizationMax { get; init; }

    public double UtilizationAverage { get; init; }
}
