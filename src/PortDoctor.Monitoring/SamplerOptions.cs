namespace PortDoctor.Monitoring;

/// <summary>How often the sampler samples and for how long.</summary>
public sealed record SamplerOptions
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MaxInterval = TimeSpan.FromHours(1);

    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Stop once this much time has passed since the first sample; null runs until cancelled.</summary>
    public TimeSpan? Duration { get; init; }

    /// <summary>Retention steps after a sample stop once they have taken this long (the rest waits for the next sample).</summary>
    public TimeSpan MaintenanceBudget { get; init; } = TimeSpan.FromMilliseconds(200);
}
