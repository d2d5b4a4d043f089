using PortDoctor.Core.Trends;

namespace PortDoctor.Monitoring;

/// <summary>What one interval gave: a stored sample, or the one line saying why there is none.</summary>
public sealed record SampleOutcome(DateTimeOffset Time, HostSample? Sample, string? Error)
{
    public bool Succeeded => Sample is not null && Error is null;
}
