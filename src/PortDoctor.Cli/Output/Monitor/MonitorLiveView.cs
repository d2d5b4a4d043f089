using System.Globalization;
using PortDoctor.Core.Trends;
using PortDoctor.Monitoring;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace PortDoctor.Cli.Output.Monitor;

/// <summary>
/// The monitor on a terminal: a gauge per pool, the top consumers as process -> destination with
/// their maximum and trend, the worst destinations, a sparkline of the last 15 minutes, the worst
/// process's growth per hour and the monitor's own cost. Aggregates only: its size does not depend on the number of sockets.
/// </summary>
internal sealed class MonitorLiveView(string path, TimeSpan interval)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private const int GaugeWidth = 30;
    private const int Rows = 8;
    private const int DestinationsPerProcess = 2;
    private const string Bars = "▁▂▃▄▅▆▇█";

    private readonly List<HostSample> _recent = [];
    private string? _lastError;

    public void Add(SampleOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Sample is not { } sample)
        {
            _lastError = outcome.Error;
            return;
        }

        _lastError = null;
        _recent.Add(sample);
        _recent.RemoveAll(s => s.Time < sample.Time - Window);
    }

    public IRenderable Render()
    {
        var parts = new List<IRenderable>
        {
            new Markup($"[bold]PortDoctor monitor[/]  every {interval.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s into {Markup.Escape(path)}   [dim]q or Ctrl+C quits[/]"),
        };
        if (_recent.Count == 0)
        {
            parts.Add(new Markup(_lastError is null ? "waiting for the first sample..." : "[red]" + Markup.Escape(_lastError) + "[/]"));
            return new Rows(parts);
        }

        var last = _recent[^1];
        parts.Add(new Markup($"[dim]{last.Time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture)}  {Markup.Escape(last.Host)}[/]"));
        parts.AddRange(last.Pools.Select(Gauge));
        parts.Add(new Markup($"last 15 min  [blue]{Sparkline()}[/]  max {_recent.Max(s => s.Headline?.PortsInUse ?? 0).ToString("N0", CultureInfo.InvariantCulture)}"));
        parts.Add(Consumers(last));
        if (last.Headline is { WorstDestinations.Count: > 0 } headline)
        {
            parts.Add(Destinations(headline));
        }

        parts.Add(new Markup(Growth(last) + $"   monitor cost: {last.Cost.Duration.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms wall, {last.Cost.Cpu.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture)} ms CPU per sample"));
        if (_lastError is not null)
        {
            parts.Add(new Markup("[red]" + Markup.Escape(_lastError) + "[/]"));
        }

        return new Rows(parts);
    }

    private static Markup Gauge(PoolSample pool)
    {
        var filled = (int)Math.Round(GaugeWidth * Math.Clamp(pool.UtilizationPercent, 0, 100) / 100);
        var colour = pool.UtilizationPercent switch { >= 90 => "red", >= 70 => "yellow", _ => "green" };
        var text = string.Create(CultureInfo.InvariantCulture, $"{pool.Name,-5} [{colour}]{new string('█', filled)}[/][dim]{new string('░', GaugeWidth - filled)}[/] {pool.UtilizationPercent,5:0.0}%  {pool.PortsInUse:N0}/{pool.Capacity:N0} ports");
        return new Markup(text);
    }

    /// <summary>
    /// The top processes, each followed by the remotes it holds the most ports toward: active now,
    /// the most seen in the window, and the move since the previous sample.
    /// </summary>
    private Table Consumers(HostSample last)
    {
        var table = new Table().Border(TableBorder.Simple).Title("top consumers: process -> destination (ephemeral ports)");
        table.AddColumns("process -> destination", "pid", "active", "max 15 min", "trend");
        foreach (var process in last.Processes.Take(Rows))
        {
            var mine = _recent.Select(s => s.Processes.FirstOrDefault(p => Same(p, process))).ToList();
            AddRow(table, Markup.Escape(process.Name), process.Pid.ToString(CultureInfo.InvariantCulture), mine.Select(p => p?.Ports ?? 0).ToList());
            foreach (var destination in process.Destinations.Take(DestinationsPerProcess))
            {
                var toward = mine.Select(p => p?.Destinations.FirstOrDefault(d => d.Remote == destination.Remote)?.Sockets ?? 0).ToList();
                AddRow(table, "  [dim]->[/] " + Markup.Escape(destination.Remote.ToString()), "", toward);
            }
        }

        return table;
    }

    /// <summary>One row: the newest count of <paramref name="history"/> (oldest first), its maximum and its trend arrow.</summary>
    private static void AddRow(Table table, string label, string pid, List<int> history)
    {
        var now = history[^1];
        var before = history.Count > 1 ? history[^2] : now;
        var arrow = now > before ? "[red]↑[/]" : now < before ? "[green]↓[/]" : "→";
        table.AddRow(
            label,
            pid,
            now.ToString("N0", CultureInfo.InvariantCulture),
            history.Max().ToString("N0", CultureInfo.InvariantCulture),
            arrow);
    }

    private static Table Destinations(PoolSample pool)
    {
        var table = new Table().Border(TableBorder.Simple).Title($"worst destinations ({pool.Name})");
        table.AddColumns("local -> remote", "ports", "TIME_WAIT");
        foreach (var destination in pool.WorstDestinations.Take(5))
        {
            table.AddRow(
                Markup.Escape($"{destination.LocalAddress} -> {destination.Remote}"),
                destination.Ports.ToString("N0", CultureInfo.InvariantCulture),
                destination.TimeWait.ToString("N0", CultureInfo.InvariantCulture));
        }

        return table;
    }

    /// <summary>The headline ports of the window, one bar per sample (the newest 60 when there are more).</summary>
    private string Sparkline()
    {
        var values = _recent.Select(s => s.Headline?.PortsInUse ?? 0).TakeLast(60).ToList();
        var (min, max) = (values.Min(), values.Max());
        return string.Concat(values.Select(v => Bars[max == min ? 0 : (int)Math.Round((Bars.Length - 1) * (double)(v - min) / (max - min))]));
    }

    /// <summary>The top process's ports gained per hour across the window (PID and start time must match).</summary>
    private string Growth(HostSample last)
    {
        if (last.Processes.Count == 0)
        {
            return "no process holds ephemeral ports";
        }

        var top = last.Processes[0];
        var first = _recent.FirstOrDefault(s => s.Processes.Any(p => Same(p, top)));
        if (first is null || first == last)
        {
            return $"{Markup.Escape(top.Name)} [[{top.Pid.ToString(CultureInfo.InvariantCulture)}]]: growth needs a second sample";
        }

        var hours = (last.Time - first.Time).TotalHours;
        var perHour = (top.Ports - first.Processes.First(p => Same(p, top)).Ports) / hours;
        return string.Create(CultureInfo.InvariantCulture, $"{Markup.Escape(top.Name)} [[{top.Pid}]]: {perHour:+#,0;-#,0;0} ports/hour");
    }

    private static bool Same(ProcessSample a, ProcessSample b) => a.Pid == b.Pid && a.StartTime == b.StartTime;
}
