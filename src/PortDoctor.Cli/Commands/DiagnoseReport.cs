using System.Globalization;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using Spectre.Console;

namespace PortDoctor.Cli.Commands;

/// <summary>The human report: verdict first, then the culprit with its counts, the evidence, and numbered remediation.</summary>
internal static class DiagnoseReport
{
    public static void Write(IAnsiConsole console, Diagnosis d)
    {
        var (label, colour) = d.Verdict switch
        {
            Verdict.Exhausted => ("EXHAUSTED", "red"),
            Verdict.AtRisk => ("AT RISK", "yellow"),
            _ => ("HEALTHY", "green"),
        };
        console.MarkupLine($"[bold {colour}]Verdict: {label}[/] [dim](exit code {(int)d.Verdict})[/]");
        foreach (var reason in d.Reasons)
        {
            console.MarkupLine($"  - {Markup.Escape(reason)}");
        }

        console.WriteLine();
        if (d.Culprits.Count == 0)
        {
            console.MarkupLine("[bold]Culprit:[/] none: no process holds a large share of the ephemeral ports");
        }

        for (var i = 0; i < d.Culprits.Count; i++)
        {
            var c = d.Culprits[i];
            console.MarkupLine(string.Create(
                CultureInfo.InvariantCulture,
                $"[bold]{(i == 0 ? "Culprit" : "Also")}:[/] {Markup.Escape(c.Process)} (PID {c.Pid}), pattern [bold]{c.Pattern.ToName()}[/], {c.Ports} ports ({c.SharePercent:0.#}% of capacity)"));
            console.MarkupLine($"  {Markup.Escape(c.Reason)}");
            var counts = string.Join(", ", c.Counts.Select(k => string.Create(CultureInfo.InvariantCulture, $"{k.Key.ToName()} {k.Value}")));
            var handles = c.HandleCount is { } h ? string.Create(CultureInfo.InvariantCulture, $"; handles {h} ({DiagnoseView.HandleLevelName(c.HandleLevel)})") : "";
            console.MarkupLine($"  [dim]counts: {Markup.Escape(counts)}{Markup.Escape(handles)}[/]");
        }

        console.WriteLine();
        console.MarkupLine("[bold]Evidence[/]");
        foreach (var probe in d.Probes)
        {
            var error = probe.ErrorName is null ? "" : $" {probe.ErrorName}{(probe.NativeError is { } n ? string.Create(CultureInfo.InvariantCulture, $" ({n})") : "")}";
            console.MarkupLine($"  - probe {Markup.Escape(probe.Target)}: {DiagnoseView.OutcomeName(probe.Outcome)}{Markup.Escape(error)}");
        }

        foreach (var line in d.Evidence)
        {
            console.MarkupLine($"  - {Markup.Escape(line)}");
        }

        WriteConsumers(console, d.Consumers);
        if (d.Remediation.Count > 0)
        {
            console.WriteLine();
            console.MarkupLine("[bold]Remediation[/]");
            for (var i = 0; i < d.Remediation.Count; i++)
            {
                var step = d.Remediation[i];
                console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"  {i + 1}. [dim]{step.Kind}:[/] {Markup.Escape(step.Text)}"));
                if (step.Command is not null)
                {
                    console.MarkupLine($"     [bold]{Markup.Escape(step.Command)}[/]");
                }
            }
        }
    }

    private static void WriteConsumers(IAnsiConsole console, IReadOnlyList<ProcessConsumer> consumers)
    {
        if (consumers.Count == 0)
        {
            return;
        }

        var table = new Table().Border(Output.RuledTableBorder.Instance).Title("Top consumers of ephemeral ports");
        foreach (var header in new[] { "PID", "Process", "Ports", "ESTABLISHED", "CLOSE_WAIT", "TIME_WAIT*", "BOUND", "SYN_SENT", "Handles" })
        {
            table.AddColumn(new TableColumn(header).NoWrap());
        }

        foreach (var c in consumers)
        {
            string N(SocketState s) => c.EphemeralByState.GetValueOrDefault(s).ToString(CultureInfo.InvariantCulture);
            table.AddRow(
                c.Pid.ToString(CultureInfo.InvariantCulture),
                Markup.Escape(c.Process),
                c.EphemeralPorts.ToString(CultureInfo.InvariantCulture),
                N(SocketState.Established),
                N(SocketState.CloseWait),
                c.AttributedTimeWait.ToString(CultureInfo.InvariantCulture),
                N(SocketState.Bound),
                N(SocketState.SynSent),
                c.HandleCount?.ToString(CultureInfo.InvariantCulture) ?? "-");
        }

        table.Caption = new TableTitle("* TIME_WAIT inferred from live connections to the same remote endpoint");
        console.Write(table);
    }
}
