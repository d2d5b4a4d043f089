namespace PortDoctor.Reporting.Html;

/// <summary>
/// The headline pool's forecast. With an ETA: the basis sentence ("+312 ports/h since 09:40, full
/// in 3 h 10 min (2 h 40 - 3 h 50)") and its numbers; without: <see cref="Reason"/> says why
/// there is none and the numbers are null.
/// </summary>
/// <param name="Basis">The basis sentence, or null when there is no forecast.</param>
/// <param name="Reason">Why there is no forecast, or null when there is one.</param>
/// <param name="Eta">When the pool is full, by the fitted line.</param>
/// <param name="EtaLow">The band's earliest moment (alerts use this edge).</param>
/// <param name="EtaHigh">The band's latest moment.</param>
/// <param name="RatePerHour">Owned ports per hour.</param>
/// <param name="Method">How it was fitted ("theil-sen").</param>
/// <param name="Window">Which samples the fit used ("since 2026-12-01 09:40, 212 samples").</param>
public sealed record HtmlForecast(
    string? Basis,
    string? Reason,
    DateTimeOffset? Eta,
    DateTimeOffset? EtaLow,
    DateTimeOffset? EtaHigh,
    double? RatePerHour,
    string? Method,
    string? Window)
{
    /// <summary>No forecast, and why.</summary>
    public static HtmlForecast None(string reason) => new(null, reason, null, null, null, null, null, null);
}
