namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>A Theil-Sen fit in the units it was given (slope per x unit, intercept at x = 0).</summary>
internal sealed record TheilSenLine(double Slope, double Intercept, double SlopeLow, double SlopeHigh, double RSquared, double TrendZ);
