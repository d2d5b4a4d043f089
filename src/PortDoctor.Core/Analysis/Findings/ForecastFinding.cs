namespace PortDoctor.Core.Analysis;

/// <summary>
/// The pool fills in about <see cref="Minutes"/> minutes (band <see cref="MinutesLow"/> to
/// <see cref="MinutesHigh"/>; the low edge is the one the verdict uses) at <see cref="PerHour"/>
/// ports gained per hour since <see cref="WindowStart"/>, with <see cref="PortsLeft"/> ports left;
/// most of the growth is <see cref="Pid"/>'s when one process leaks. From the forecast engine
/// (Trends/Forecasting): a robust line over the newest segment of the series, gated.
/// </summary>
public sealed record ForecastFinding(int? Pid, string? Process, double PerHour, int PortsLeft, double Minutes) : Finding
{
    public override FindingKind Kind => FindingKind.Forecast;

    public double MinutesLow { get; init; }

    public double MinutesHigh { get; init; }

    public string Method { get; init; } = "";

    public DateTimeOffset WindowStart { get; init; }

    public double RSquared { get; init; }
}
