using System.Globalization;
using PortDoctor.Cli.Commands;
using PortDoctor.Cli.Output.Json;
using PortDoctor.Core.Analysis;
using PortDoctor.Platform;

namespace PortDoctor.Cli.Output.Diagnose;

/// <summary>`diagnose --all-netns`: one row per namespace (table and CSV), the whole diagnoses in JSON.</summary>
internal static class AllNamespacesView
{
    /// <summary>Processes listed per namespace in JSON (the count says how many there are).</summary>
    public const int ProcessesListed = 50;

    public static readonly OutputColumn<NamespaceDiagnosis>[] Columns =
    [
        new("namespace", d => Label(d)),
        new("verdict", d => d.Diagnosis.Verdict.ToName()),
        new("ports", d => Usage(d.Diagnosis)),
        new("culprit", d => Culprit(d.Diagnosis)),
        new("processes", d => d.Members.Processes.Count.ToString(CultureInfo.InvariantCulture)) { AlignRight = true },
        new("containers", d => string.Join("; ", Containers(d.Members))),
        new("inode", d => d.Members.Info.Inode.ToString(CultureInfo.InvariantCulture)),
    ];

    public static OutputDocument<NamespaceDiagnosis> Document(IHostPlatform host, IReadOnlyList<NamespaceDiagnosis> judged, IReadOnlyList<string> notes)
    {
        var json = new AllNamespacesJson(
            1,
            host.Time.GetUtcNow(),
            Environment.MachineName,
            judged.Count,
            [.. judged.Select(ToJson)],
            notes);
        return new OutputDocument<NamespaceDiagnosis>(Columns, judged, json, CliJsonContext.Readable.AllNamespacesJson);
    }

    /// <summary>"name" or "net:[inode]", and "(own)" for the namespace PortDoctor runs in.</summary>
    public static string Label(NamespaceDiagnosis d) => d.Members.Info.Label + (d.Members.Own ? " (own)" : "");

    public static string Usage(Diagnosis d) => d.Headline is { } h
        ? string.Create(CultureInfo.InvariantCulture, $"{h.HeadlinePorts}/{h.Capacity} ({h.UtilizationPercent:0.#}%)")
        : "-";

    public static string Culprit(Diagnosis d) => d.Culprits.Count == 0
        ? "-"
        : $"{FindingText.Who(d.Culprits[0])} {d.Culprits[0].Pattern.ToName()}";

    /// <summary>The distinct containers named by the cgroups of the namespace's processes.</summary>
    public static IEnumerable<string> Containers(NamespaceMembers members) =>
        members.Processes.Where(p => p.Container is not null).Select(p => p.Container!.ToString()).Distinct(StringComparer.Ordinal);

    private static NamespaceDiagnosisJson ToJson(NamespaceDiagnosis d) => new(
        NamespaceJson.Of(d.Members.Info)!,
        d.Members.Own,
        d.Members.Processes.Count,
        [.. d.Members.Processes.Take(ProcessesListed).Select(p => new NamespaceProcessJson(p.Pid, p.Name, p.Container?.ToString()))],
        [.. Containers(d.Members)],
        DiagnoseView.ToJson(d.Diagnosis));
}
