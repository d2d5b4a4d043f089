using PortDoctor.Core.Trends.Forecasting;

namespace PortDoctor.Core.Analysis;

/// <summary>A time series was given but supports no ETA: why (a typed reason) and what was seen or is missing.</summary>
public sealed record NoForecastFinding(NoForecastReason Reason, string Detail) : Finding
{
    public override FindingKind Kind => FindingKind.NoForecast;
}
