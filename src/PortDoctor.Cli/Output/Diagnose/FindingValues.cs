using PortDoctor.Core.Analysis;

namespace PortDoctor.Cli.Output.Diagnose;

/// <summary>A finding's numbers and labels by name, for JSON (docs/cli.md lists them per kind).</summary>
internal static class FindingValues
{
    public static (Dictionary<string, double> Numbers, Dictionary<string, string?> Labels) Of(Finding finding)
    {
        var n = new Dictionary<string, double>(StringComparer.Ordinal);
        var l = new Dictionary<string, string?>(StringComparer.Ordinal);
        switch (finding)
        {
            case ProbeFailedFinding f:
                l["target"] = f.Target;
                l["outcome"] = f.Outcome.ToName();
                l["errorName"] = f.ErrorName;
                AddIf(n, "nativeError", f.NativeError);
                break;
            case ConfirmingEventsFinding f:
                (n["eventId"], n["count"], l["source"], l["last"]) = (f.EventId, f.Count, f.Source, f.Last.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case PoolUsageFinding f:
                Pool(f.Pool, n, l);
                break;
            case PoolDetailFinding f:
                Pool(f.Pool, n, l);
                (n["distinctPortsHeld"], n["globalPressure"], n["reusableTimeWait"]) = (f.Pool.DistinctPortsHeld, f.Pool.GlobalPressure, f.Pool.ReusableTimeWait);
                break;
            case PoolFullOfTimeWaitFinding f:
                (n["ports"], n["timeWaitOnlyPorts"], n["capacity"]) = (f.Ports, f.TimeWaitOnlyPorts, f.Capacity);
                break;
            case PortsHeldFinding f:
                Pool(f.Pool, n, l);
                (n["held"], n["free"], n["heldPercent"]) = (f.Held, f.Free, f.Percent);
                break;
            case HandlesOverThresholdFinding f:
                (n["pid"], n["handles"], n["threshold"], l["process"], l["handleLevel"]) = (f.Pid, f.Handles, f.Threshold, f.Process, f.Level.ToName());
                AddIf(n, "sockets", f.Sockets);
                break;
            case OwnersUnreadableFinding f:
                (n["sockets"], n["ephemeralSockets"], n["couldHoldCulprit"]) = (f.Sockets, f.EphemeralSockets, f.CouldHoldCulprit ? 1 : 0);
                break;
            case NoOwnersInInputFinding f:
                n["ephemeralSockets"] = f.EphemeralSockets;
                break;
            case CountedWithoutPortsFinding f:
                (n["sockets"], n["upTo"], n["capacity"], n["percent"]) = (f.Sockets, f.UpTo, f.Pool.Capacity, f.Percent);
                break;
            case CulpritShareFinding f:
                (n["pid"], n["ports"], n["percent"], l["process"], l["pattern"], n["processes"]) = (f.Pid, f.Ports, f.Percent, f.Process, f.Pattern.ToName(), f.Processes);
                break;
            case ForecastFinding f:
                (n["perHour"], n["portsLeft"], n["minutes"], l["process"]) = (f.PerHour, f.PortsLeft, f.Minutes, f.Process);
                (n["minutesLow"], n["minutesHigh"], n["rSquared"], l["method"]) = (f.MinutesLow, f.MinutesHigh, f.RSquared, f.Method);
                l["windowStart"] = f.WindowStart.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                AddIf(n, "pid", f.Pid);
                break;
            case NoForecastFinding f:
                (l["reason"], l["detail"]) = (PortDoctor.Core.Trends.Forecasting.ForecastNames.ToName(f.Reason), f.Detail);
                break;
            case GrowthFinding f:
                (n["pid"], n["first"], n["last"], n["peak"], n["perHour"], l["process"]) = (f.Growth.Pid, f.Growth.First, f.Growth.Last, f.Growth.Peak, Math.Round(f.Growth.PerHour, 1), f.Process);
                break;
            case TraceFailuresFinding f:
                (n["failures"], n["processes"], n["topPid"], n["topFailures"], l["topCommand"]) = (f.Failures, f.Processes, f.TopPid, f.TopFailures, f.TopCommand);
                (l["last"], l["traceEnded"]) = (f.Last.ToString("O", System.Globalization.CultureInfo.InvariantCulture), f.TraceEnded.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
                break;
            case LogLinesFinding f:
                (n["count"], l["source"], l["message"]) = (f.Count, f.Source, f.Message);
                break;
            case OrphanedSocketsFinding f:
                (n["sockets"], n["attributed"], n["unattributed"], n["toGoneProcesses"]) = (f.Sockets, f.Attributed, f.Unattributed, f.ToGoneProcesses);
                break;
            case KernelCounterFinding f:
                (n["value"], l["name"]) = (f.Value, f.Name);
                break;
        }

        return (n, l);
    }

    private static void Pool(EphemeralUsage pool, Dictionary<string, double> n, Dictionary<string, string?> l)
    {
        (n["ports"], n["capacity"], n["percent"], n["rangeStart"], n["rangeEnd"]) =
            (pool.HeadlinePorts, pool.Capacity, pool.UtilizationPercent, pool.Range.Start, pool.Range.End);
        (l["protocol"], l["family"], l["scope"]) = (pool.Protocol.ToName(), pool.Family.ToName(), pool.HeadlineScope);
    }

    private static void AddIf(Dictionary<string, double> numbers, string name, int? value)
    {
        if (value is { } v)
        {
            numbers[name] = v;
        }
    }
}
