namespace PortDoctor.Core.Analysis;

/// <summary>
/// At the growth rate of a periodic log, the pool fills in about <see cref="Minutes"/> minutes
/// (<see cref="PortsLeft"/> ports left, <see cref="PerHour"/> sockets gained per hour). A straight
/// line through the first and last sample; a later issue refines the method.
/// </summary>
public sealed record ForecastFinding(int? Pid, string? Process, double PerHour, int PortsLeft, double Minutes) : Finding
{
    public override FindingKind Kind => FindingKind.Forecast;
}
