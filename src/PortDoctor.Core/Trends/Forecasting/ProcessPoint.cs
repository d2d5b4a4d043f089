namespace PortDoctor.Core.Trends.Forecasting;

/// <summary>One process's ports in one sample (start time null when unknown); the name ties restarts together.</summary>
public sealed record ProcessPoint(DateTimeOffset Time, int Pid, DateTimeOffset? StartTime, string Name, int Ports);
