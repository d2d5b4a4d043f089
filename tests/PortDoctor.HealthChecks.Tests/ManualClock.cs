namespace PortDoctor.HealthChecks.Tests;

/// <summary>A clock the test moves by hand, so the cache's expiry is tested without sleeping.</summary>
internal sealed class ManualClock : TimeProvider
{
    private DateTimeOffset _now = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
