namespace HealthChecksBench;

/// <summary>Real time plus what the benchmark adds, so a second passes per probe without waiting a second.</summary>
internal sealed class BenchClock : TimeProvider
{
    private TimeSpan _ahead;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + _ahead;

    public void Advance(TimeSpan by) => _ahead += by;
}
