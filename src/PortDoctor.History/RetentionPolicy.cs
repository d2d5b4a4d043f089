namespace PortDoctor.History;

/// <summary>
/// How long each tier is kept: raw samples, 1-minute and 1-hour rollups, and the ESTABLISHED
/// 4-tuples (only needed until their TIME_WAIT is over, so far shorter).
/// </summary>
public sealed record RetentionPolicy
{
    public static readonly RetentionPolicy Default = new();

    public TimeSpan Raw { get; init; } = TimeSpan.FromDays(7);

    public TimeSpan Minute { get; init; } = TimeSpan.FromDays(90);

    public TimeSpan Hour { get; init; } = TimeSpan.FromDays(730);

    public TimeSpan Connections { get; init; } = TimeSpan.FromDays(1);

    /// <summary>Throws when a tier is not positive or a coarser tier is kept for less time than a finer one.</summary>
    public void Validate()
    {
        if (Raw <= TimeSpan.Zero || Connections <= TimeSpan.Zero || Minute < Raw || Hour < Minute)
        {
            throw new ArgumentException(
                $"retention must be positive and grow with the tier (raw {Raw}, 1-minute {Minute}, 1-hour {Hour}, connections {Connections})");
        }
    }
}
