using System.Globalization;
using PortDoctor.Cli.Output.Json;
using PortDoctor.Cli.Output.Notes;

using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;

namespace PortDoctor.Cli.Output.Diagnose;

/// <summary>diagnose's JSON document (and, for CSV, its culprit rows); it prints, it does not compute.</summary>
internal static class DiagnoseView
{
    private static readonly OutputColumn<CulpritJson>[] CsvColumns =
    [
        new("pid", c => c.Pid.ToString(CultureInfo.InvariantCulture)),
        new("process", c => c.Process),
        new("pattern", c => c.Pattern),
        new("ports", c => c.Ports.ToString(CultureInfo.InvariantCulture)),
        new("sharePercent", c => c.SharePercent.ToString(CultureInfo.InvariantCulture)),
        new("bound", c => c.Counts.Bound.ToString(CultureInfo.InvariantCulture)),
        new("established", c => c.Counts.Established.ToString(CultureInfo.InvariantCulture)),
        new("closeWait", c => c.Counts.CloseWait.ToString(CultureInfo.InvariantCulture)),
        new("timeWait", c => c.Counts.TimeWait.ToString(CultureInfo.InvariantCulture)),
        new("synSent", c => c.Counts.SynSent.ToString(CultureInfo.InvariantCulture)),
        new("handleCount", c => c.HandleCount?.ToString(CultureInfo.InvariantCulture)),
        new("topDestination", c => c.TopDestination),
        new("closing", c => c.Counts.Closing.ToString(CultureInfo.InvariantCulture)),
        new("udpBound", c => c.Counts.UdpBound.ToString(CultureInfo.InvariantCulture)),
        new("growthPerHour", c => c.GrowthPerHour?.ToString(CultureInfo.InvariantCulture)),
    ];

    public static OutputDocument<CulpritJson> Document(Diagnosis diagnosis)
    {
        var json = ToJson(diagnosis);
        return new OutputDocument<CulpritJson>(CsvColumns, json.Culprits, json, CliJsonContext.Readable.DiagnoseJson);
    }

    public static DiagnoseJson ToJson(Diagnosis d) => new(
        SchemaVersion: 1,
        d.Time,
        d.Host,
        d.Os.ToString().ToLowerInvariant(),
        d.Verdict.ToName(),
        d.ExitCode,
        [.. d.Reasons.Select(r => FindingText.Render(r, d.Os))],
        d.Headline is null ? null : Usage(d.Headline),
        [.. d.Usage.Select(Usage)],
        [.. d.Culprits.Select(Culprit)],
        [.. d.Consumers.Select(Consumer)],
        [.. d.Growth.Select(g => new GrowthJson(g.Pid, g.FirstTime, g.First, g.LastTime, g.Last, g.Peak, g.Growth, Math.Round(g.PerHour, 1)))],
        [.. d.TimeWait.Select(t => new TimeWaitOwnerJson(t.Pid, t.Process, t.Remote.ToString(), t.Count, t.EphemeralCount, t.Confidence.ToName(), t.Basis))],
        [.. d.Probes.Select(p => new ProbeJson(p.Target, p.Outcome.ToName(), p.NativeError, p.ErrorName, Math.Round(p.Elapsed.TotalMilliseconds, 1)))],
        [.. d.Events.Select(e => new EventJson(e.Time, e.Source, e.EventId, e.Count, e.Message))],
        d.KernelCounters,
        [.. d.Evidence.Select(e => FindingText.Render(e, d.Os))],
        [.. d.Remediation.Select((r, i) => new RemediationJson(i + 1, r.Kind, r.Text, r.Command))],
                NoteText.Render(d.Notes),

        [.. d.Reasons.Select(r => Finding(r, "reason", d.Os)), .. d.Evidence.Select(e => Finding(e, "evidence", d.Os))])
    {
        Namespace = NamespaceJson.Of(d.Namespace),
        NoteDetails = NoteView.ToJson(d.Notes),
    };

    private static FindingJson Finding(Finding finding, string role, OsKind os)
    {
        var (numbers, labels) = FindingValues.Of(finding);
        return new FindingJson(finding.Kind.ToName(), role, FindingText.Render(finding, os), numbers, labels);
    }

    private static UsageJson Usage(EphemeralUsage u) => new(
        u.Protocol.ToName(),
        u.Family.ToName(),
        u.Range.Start,
        u.Range.End,
        u.Capacity,
        u.DistinctPortsHeld,
        u.GlobalPressure,
        u.HeadlinePorts,
        u.UtilizationPercent,
        u.HeadlineScope,
        u.ReusableTimeWait,
        u.TimeWaitOnlyPorts,
        [.. u.WorstDestinations.Select(w => new DestinationJson(w.LocalAddress, w.Remote.ToString(), w.Ports, w.TimeWait))]);

    private static CulpritJson Culprit(Culprit c) => new(
        c.Pid,
        c.Process,
        c.Pattern.ToName(),
        c.Ports,
        c.SharePercent,
        new PatternCountsJson(
            c.Counts.GetValueOrDefault(LeakPattern.Bound),
            c.Counts.GetValueOrDefault(LeakPattern.Established),
            c.Counts.GetValueOrDefault(LeakPattern.CloseWait),
            c.Counts.GetValueOrDefault(LeakPattern.TimeWait),
            c.Counts.GetValueOrDefault(LeakPattern.SynSent),
            c.Counts.GetValueOrDefault(LeakPattern.Closing),
            c.Counts.GetValueOrDefault(LeakPattern.UdpBound)),
        c.HandleCount,
        c.SocketCount,
        c.HandleLevel.ToName(),
        c.TimeWaitConfidence.ToName(),
        c.TopDestination?.ToString(),
        c.TopDestinationSockets,
        FindingText.CulpritReason(c),
        c.GrowthPerHour,
        [.. c.SharedWith.Select(s => new SharerJson(s.Pid, s.Process, s.Sockets))],
        c.MemberPids);

    private static ConsumerJson Consumer(ProcessConsumer c) => new(
        c.Pid,
        c.Process,
        c.EphemeralPorts,
        c.EphemeralByState.ToDictionary(s => s.Key.ToDisplayName(), s => s.Value, StringComparer.Ordinal),
        c.SocketsByState.ToDictionary(s => s.Key.ToDisplayName(), s => s.Value, StringComparer.Ordinal),
        c.AttributedTimeWait,
        c.HandleCount,
        c.SocketCount,
        c.UnlistedSocketCount,
        c.HandleLevel.ToName(),
        c.AttributedClosing,
        c.EphemeralUdp,
        c.EphemeralSockets);
}
