namespace PortDoctor.History;

/// <summary>What one bounded maintenance step did. <see cref="More"/>: expired rows are left for the next step.</summary>
public sealed record MaintenanceStep(int SamplesPurged, int RollupsPurged, long PagesFreed, TimeSpan Elapsed, bool More);
