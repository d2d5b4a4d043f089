using System.Globalization;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using Spectre.Console;

namespace PortDoctor.Cli.Output.Diagnose;

/// <summary>The human report: verdict first, then the culprit with its counts, the evidence, and numbered remediation.</summary>
internal static class DiagnoseReport
{
    public static void Write(IAnsiConsole console, Diagnosis d)
    {
        if (d.Namespace is { } ns)
        {
            console.MarkupLine($"[bold]Network namespace:[/] {Markup.Escape(ns.ToString())}");
        }

        var (label, colour) = d.Verdict switch
        {
            Verdict.Exhausted => ("EXHAUSTED", "red"),
            Verdict.AtRisk => ("AT RISK", "yellow"),
            _ => ("HEALTHY", "green"),
        };
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"[bold {colour}]Verdict: {label}[/] [dim](exit code {d.ExitCode})[/]"));
        foreach (var reason in d.Reasons)
        {
            console.MarkupLine($"  - {Markup.Escape(FindingText.Render(reason, d.Os))}");
        }

        console.WriteLine();
        WriteCulprits(console, d);
        console.WriteLine();
        console.MarkupLine("[bold]Evidence[/]");
        foreach (var probe in d.Probes)
        {
            var error = probe.ErrorName is null ? "" : $" {probe.ErrorName}{(probe.NativeError is { } n ? string.Create(CultureInfo.InvariantCulture, $" ({n})") : "")}";
            console.MarkupLine($"  - probe {Markup.Escape(probe.Target)}: {probe.Outcome.ToName()}{Markup.Escape(error)}");
        }

        foreach (var finding in d.Evidence)
        {
            console.MarkupLine($"  - {Markup.Escape(FindingText.Render(finding, d.Os))}");
        }

        WriteConsumers(console, d.Consumers);
        WriteRemediation(console, d.Remediation);
    }

    private static void WriteCulprits(IAnsiConsole console, Diagnosis d)
    {
        if (d.Culprits.Count == 0)
        {
            console.MarkupLine($"[bold]Culprit:[/] {Markup.Escape(NoCulprit(d))}");
        }

        for (var i = 0; i < d.Culprits.Count; i++)
        {
            var c = d.Culprits[i];
            console.MarkupLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[bold]{(i == 0 ? "Culprit" : "Also")}:[/] {Markup.Escape(FindingText.Who(c))}{(c.MemberPids.Count > 1 ? ", together" : "")}, pattern [bold]{c.Pattern.ToName()}[/], {FindingText.Count(c.Ports, "port")} ({c.SharePercent:0.#}% of capacity)"));
            console.MarkupLine($"  {Markup.Escape(FindingText.CulpritReason(c))}");
            var counts = string.Join(", ", c.Counts.Where(k => k.Value > 0 || k.Key <= LeakPattern.SynSent)
                .Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key.ToName()} {k.Value}")));
            var handles = c.HandleCount is { } h ? string.Create(CultureInfo.InvariantCulture, $"; handles {h} ({c.HandleLevel.ToName()})") : "";
            console.MarkupLine($"  [dim]counts: {Markup.Escape(counts)}{Markup.Escape(handles)}[/]");
        }
    }

    /// <summary>Why no process is named: owners hidden, an input without owners, or no large holder.</summary>
    private static string NoCulprit(Diagnosis d)
    {
        if (d.Reasons.OfType<OwnersUnreadableFinding>().FirstOrDefault() is { } hidden)
        {
            return string.Create(
                CultureInfo.InvariantCulture,
                $"unknown: the owners of {FindingText.Count(hidden.Sockets, "socket")} could not be read; run as {(d.Os == OsKind.Windows ? "Administrator" : "root")} to name it");
        }

        if (d.Reasons.OfType<NoOwnersInInputFinding>().Any())
        {
            return "unknown: this input has no owners (no PID column)";
        }

        // Culprit-sized TIME_WAIT (or orphaned closing) sockets that no process can be named for: not "none".
        var unowned = d.TimeWait.Where(t => t.Pid is null && t.EphemeralCount > 0).ToList();
        var unownedPorts = unowned.Sum(t => t.EphemeralCount);
        if (d.Headline is { Protocol: TransportProtocol.Tcp, Capacity: > 0 } pool && 100.0 * unownedPorts / pool.Capacity >= LeakPatterns.CulpritSharePercent)
        {
            var most = unowned.MaxBy(t => t.EphemeralCount)!;
            var what = unowned.All(t => t.Closing) ? "orphaned closing" : unowned.Any(t => t.Closing) ? "TIME_WAIT and orphaned closing" : "TIME_WAIT";
            return string.Create(
                CultureInfo.InvariantCulture,
                $"unknown: {FindingText.Count(unownedPorts, "ephemeral port")} ({100.0 * unownedPorts / pool.Capacity:0.#}% of the pool) held by {what} sockets with no owner to name ({most.EphemeralCount} toward {most.Remote}: {most.Basis}); `portdoctor monitor` learns their owners while they are ESTABLISHED");
        }

        // A slow leak (the pool fills after the forecast horizon) is named, but not as a culprit yet.
        var slowLeak = d.Reasons.OfType<ForecastFinding>().FirstOrDefault() is { Pid: { } pid } f
            ? string.Create(CultureInfo.InvariantCulture, $"; {FindingText.Who(pid, f.Process)} grows {f.PerHour:+0.#} ports/h (forecast above)")
            : "";
        return string.Create(CultureInfo.InvariantCulture, $"none: no process holds {LeakPatterns.CulpritSharePercent}% of the ephemeral ports or more{slowLeak}");
    }

    private static void WriteRemediation(IAnsiConsole console, IReadOnlyList<RemediationStep> steps)
    {
        if (steps.Count == 0)
        {
            return;
        }

        console.WriteLine();
        console.MarkupLine("[bold]Remediation[/]");
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  {i + 1}. [dim]{step.Kind}:[/] {Markup.Escape(step.Text)}"));
            if (step.Command is not null)
            {
                console.MarkupLine($"     [bold]{Markup.Escape(step.Command)}[/]");
            }
        }
    }

    private static void WriteConsumers(IAnsiConsole console, IReadOnlyList<ProcessConsumer> consumers)
    {
        if (consumers.Count == 0)
        {
            return;
        }

        var closing = consumers.Any(c => c.AttributedClosing > 0 || ClosingStates(c) > 0);
        var udp = consumers.Any(c => c.EphemeralUdp > 0);
        var timeWait = consumers.Any(c => c.AttributedTimeWait > 0);
        var table = new Table().Border(RuledTableBorder.Instance).Title("Top consumers of ephemeral ports");
        var headers = new List<string> { "PID", "Process", "Ports", "ESTABLISHED", "CLOSE_WAIT", timeWait ? "TIME_WAIT*" : "TIME_WAIT", "BOUND", "SYN_SENT" };
        headers.AddRange([.. closing ? ["CLOSING*"] : Array.Empty<string>(), .. udp ? ["UDP"] : Array.Empty<string>(), "Handles"]);
        foreach (var header in headers)
        {
            table.AddColumn(new TableColumn(header).NoWrap());
        }

        foreach (var c in consumers)
        {
            string N(SocketState s) => c.EphemeralByState.GetValueOrDefault(s).ToString(CultureInfo.InvariantCulture);
            var row = new List<string>
            {
                c.Pid.ToString(CultureInfo.InvariantCulture), Markup.Escape(c.Process ?? "-"), c.EphemeralPorts.ToString(CultureInfo.InvariantCulture),
                N(SocketState.Established), N(SocketState.CloseWait), c.AttributedTimeWait.ToString(CultureInfo.InvariantCulture),
                N(SocketState.Bound), N(SocketState.SynSent),
            };
            row.AddRange([
                .. closing ? [(c.AttributedClosing + ClosingStates(c)).ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(),
                .. udp ? [c.EphemeralUdp.ToString(CultureInfo.InvariantCulture)] : Array.Empty<string>(),
                c.HandleCount?.ToString(CultureInfo.InvariantCulture) ?? "-",
            ]);
            table.AddRow([.. row]);
        }

        if (timeWait || closing)
        {
            table.Caption = new TableTitle("* TIME_WAIT and orphaned closing sockets have no owner: inferred (see timeWait in --format json)");
        }

        console.Write(table);
    }

    private static int ClosingStates(ProcessConsumer c) =>
        c.EphemeralByState.GetValueOrDefault(SocketState.FinWait1) + c.EphemeralByState.GetValueOrDefault(SocketState.FinWait2) +
        c.EphemeralByState.GetValueOrDefault(SocketState.Closing) + c.EphemeralByState.GetValueOrDefault(SocketState.LastAck);
}
