namespace PortDoctor.Reporting.Html;

/// <summary>One process in the growth ranking.</summary>
/// <param name="Pid">The process ID, or null when the owner is unknown.</param>
/// <param name="Process">The process name.</param>
/// <param name="PortsLatest">Owned ports at the last sample.</param>
/// <param name="GrowthPerHour">Owned ports gained per hour, or null when its series is too short to say.</param>
/// <param name="Leak">Whether the report calls it a leak.</param>
/// <param name="Pattern">The leak pattern's wire name ("close-wait", "bound", ...).</param>
public sealed record HtmlGrowthRow(int? Pid, string Process, int PortsLatest, double? GrowthPerHour, bool Leak, string Pattern);
