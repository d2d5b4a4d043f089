namespace PortDoctor.Core.Trends;

/// <summary>What taking one sample cost: wall-clock time and CPU time of the monitor itself.</summary>
public sealed record SampleCost(TimeSpan Duration, TimeSpan Cpu)
{
    public static readonly SampleCost None = new(TimeSpan.Zero, TimeSpan.Zero);
}
