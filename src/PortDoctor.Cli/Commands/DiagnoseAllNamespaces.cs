using System.Globalization;
using PortDoctor.Cli.Output;
using PortDoctor.Cli.Output.Diagnose;
using PortDoctor.Core;
using PortDoctor.Core.Analysis;
using PortDoctor.Platform;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `diagnose --all-netns`: every network namespace on the host judged as its own host (its own
/// sockets, range and probe; owners found host-wide), the worst first.
/// </summary>
internal static class DiagnoseAllNamespaces
{
    public static int Run(CliEnvironment env, LiveSourceOptions options, OutputFormat format, CancellationToken cancel)
    {
        var found = env.Host.ListNetworkNamespaces(out var unreadable);
        var notes = new List<string>();
        if (unreadable > 0)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"the network namespace of {unreadable} process{(unreadable == 1 ? "" : "es")} could not be read (not root, or they exited): a namespace only they live in is missing"));
        }

        var judged = new List<NamespaceDiagnosis>(found.Count);

        // The fd tables are walked once for the run: inodes are unique host-wide, and later namespaces walk only the tables that changed.
        options = options with { Collect = options.Collect with { Owners = OwnerCache.ForOneRun() } };
        foreach (var members in found)
        {
            cancel.ThrowIfCancellationRequested();
            if (Judge(env, options, members, cancel, out var problem) is { } diagnosis)
            {
                judged.Add(new NamespaceDiagnosis(members, diagnosis));
            }
            else
            {
                notes.Add(problem!);
            }
        }

        judged.Sort(WorstFirst);
        if (format == OutputFormat.Table)
        {
            AllNamespacesReport.Write(env.CreateConsole(), judged);
        }
        else
        {
            OutputWriters.Create(format, env).Write(AllNamespacesView.Document(env.Host, judged, notes));
        }

        OutputWriters.WriteNotes(env, notes);
        return judged.Count == 0 ? (int)ExitCode.Unavailable : judged[0].Diagnosis.ExitCode;
    }

    private static Diagnosis? Judge(CliEnvironment env, LiveSourceOptions options, NamespaceMembers members, CancellationToken cancel, out string? problem)
    {
        problem = null;
        try
        {
            using var ns = env.Host.OpenNetworkNamespace(members.Info.Path);
            var observation = new LiveSource(env.Host, options with { Namespace = ns }).Observe(cancel);
            return Diagnostician.Diagnose(observation.Snapshot, observation.Context) with { Namespace = members.Info };
        }
        catch (PortDoctorException ex)
        {
            // A container that stopped between the listing and now: said, and the others still judged.
            problem = $"network namespace {members.Info}: not judged: {ex.Message}";
            return null;
        }
    }

    private static int WorstFirst(NamespaceDiagnosis a, NamespaceDiagnosis b)
    {
        var byVerdict = b.Diagnosis.Verdict.CompareTo(a.Diagnosis.Verdict);
        if (byVerdict != 0)
        {
            return byVerdict;
        }

        var byUse = (b.Diagnosis.Headline?.UtilizationPercent ?? 0).CompareTo(a.Diagnosis.Headline?.UtilizationPercent ?? 0);
        return byUse != 0 ? byUse : b.Members.Own.CompareTo(a.Members.Own);
    }
}
