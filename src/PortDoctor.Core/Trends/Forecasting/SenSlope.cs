namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>The Theil-Sen slope, Sen's rank-based band (before it is widened for noise), Mann-Kendall's S and its variance.</summary>
internal readonly record struct SenSlope(double Slope, double Low, double High, long S, double Variance);
