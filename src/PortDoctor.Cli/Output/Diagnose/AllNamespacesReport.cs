using System.Globalization;
using PortDoctor.Cli.Commands;
using PortDoctor.Core.Analysis;
using Spectre.Console;

namespace PortDoctor.Cli.Output.Diagnose;

/// <summary>`diagnose --all-netns` for people: one line per namespace, the worst first, then the full report of each one not healthy.</summary>
internal static class AllNamespacesReport
{
    private const int ProcessesNamed = 5;

    public static void Write(IAnsiConsole console, IReadOnlyList<NamespaceDiagnosis> judged)
    {
        var worst = judged.Count == 0 ? Verdict.Healthy : judged[0].Diagnosis.Verdict;
        console.MarkupLine(string.Create(
            CultureInfo.InvariantCulture,
            $"[bold]{judged.Count} network namespaces[/], {judged.Count(d => d.Diagnosis.Verdict != Verdict.Healthy)} not healthy (worst: {worst.ToName()})"));
        foreach (var d in judged)
        {
            console.MarkupLine(Markup.Escape(string.Create(
                CultureInfo.InvariantCulture,
                $"  {d.Diagnosis.Verdict.ToName(),-9} {AllNamespacesView.Label(d)}: ports {AllNamespacesView.Usage(d.Diagnosis)}, culprit {AllNamespacesView.Culprit(d.Diagnosis)}; {Processes(d)}")));
        }

        foreach (var d in judged.Where(d => d.Diagnosis.Verdict != Verdict.Healthy))
        {
            console.WriteLine();
            console.MarkupLine($"[bold]== {Markup.Escape(AllNamespacesView.Label(d))} ==[/]");
            DiagnoseReport.Write(console, d.Diagnosis);
        }
    }

    /// <summary>"3 processes: nginx 812 [docker 3f4e5a6b7c8d], ..." (the first few).</summary>
    private static string Processes(NamespaceDiagnosis d)
    {
        var processes = d.Members.Processes;
        if (processes.Count == 0)
        {
            return "no process (held by its /run/netns name only)";
        }

        var named = processes.Take(ProcessesNamed).Select(p =>
            string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Pid}{(p.Container is null ? "" : $" [{p.Container}]")}"));
        var more = processes.Count > ProcessesNamed ? ", ..." : "";
        return string.Create(CultureInfo.InvariantCulture, $"{processes.Count} process{(processes.Count == 1 ? "" : "es")}: {string.Join(", ", named)}{more}");
    }
}
