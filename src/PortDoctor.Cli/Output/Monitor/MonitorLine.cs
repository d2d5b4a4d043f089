using System.Globalization;
using System.Text.Json;
using PortDoctor.Cli.Output.History;
using PortDoctor.Monitoring;

namespace PortDoctor.Cli.Output.Monitor;

/// <summary>`monitor` when stdout is not a terminal (or --quiet): one line per sample, text or one JSON object.</summary>
internal static class MonitorLine
{
    /// <summary>"2026-03-01T12:00:05Z tcp 1,204/28,232 ports (4.3%) top: python3[4242] 812 probe ok cost 41 ms (cpu 12 ms)".</summary>
    public static string Text(MonitorLineJson line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var time = line.Time.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        if (line.Error is { } error)
        {
            return $"{time} sample failed: {error}";
        }

        var where = line.Namespace is { } ns ? $"[{ns}] " : "";
        var top = line.Processes.Count == 0 ? "none" : HistoryView.Processes(line.Processes);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{time} {where}{line.Pool ?? "-"} {line.PortsInUse ?? 0:N0}/{line.Capacity ?? 0:N0} ports ({line.UtilizationPercent ?? 0:0.0}%) top: {top} probe {line.Probe ?? "-"} events {line.EventsSinceLast} cost {line.CostMs:0} ms (cpu {line.CpuMs:0} ms)");
    }

    public static string Json(MonitorLineJson line) => JsonSerializer.Serialize(line, MonitorJsonContext.Default.MonitorLineJson);

    public static MonitorLineJson Of(SampleOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Sample is not { } sample)
        {
            return new MonitorLineJson(outcome.Time, null, null, null, null, [], null, 0, 0, 0, outcome.Error);
        }

        var item = HistoryView.Item(sample);
        return new MonitorLineJson(
            sample.Time,
            item.Pool,
            item.PortsInUse,
            item.Capacity,
            item.UtilizationPercent,
            item.Processes,
            sample.Probe is { } probe ? ProbeName(probe) : null,
            sample.EventsSinceLast,
            sample.Cost.Duration.TotalMilliseconds,
            sample.Cost.Cpu.TotalMilliseconds,
            null)
        {
            Namespace = item.Namespace,
        };
    }

    private static string ProbeName(Core.Model.ProbeResult probe) => probe.Outcome switch
    {
        Core.Model.ProbeOutcome.Succeeded => "ok",
        Core.Model.ProbeOutcome.AddressUnavailable => "address-unavailable",
        var other => other.ToString().ToLowerInvariant(),
    };
}
