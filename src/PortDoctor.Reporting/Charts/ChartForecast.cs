namespace PortDoctor.Reporting.Charts;

/// <summary>
/// A forecast as the utilization chart draws it: the fitted line from <see cref="FitFrom"/> (at
/// <see cref="FitFromPercent"/>) reaching 100% at <see cref="Eta"/>, and the band between the
/// earliest (<see cref="EtaLow"/>) and latest (<see cref="EtaHigh"/>) moments it may reach 100%.
/// Times are absolute, so a log from last year draws where its samples are.
/// </summary>
public sealed record ChartForecast(
    DateTimeOffset FitFrom,
    double FitFromPercent,
    DateTimeOffset Eta,
    DateTimeOffset EtaLow,
    DateTimeOffset EtaHigh)
{
    /// <summary>The fitted line's utilization at <paramref name="time"/>, in percent.</summary>
    public double PercentAt(DateTimeOffset time) =>
        FitFromPercent + ((100 - FitFromPercent) * (time - FitFrom).TotalSeconds / (Eta - FitFrom).TotalSeconds);

    /// <summary>Whether the line rises to 100% after it starts and the band brackets the ETA.</summary>
    public bool IsDrawable =>
        Eta > FitFrom && FitFromPercent < 100 && EtaLow <= Eta && Eta <= EtaHigh && EtaLow > FitFrom;
}
