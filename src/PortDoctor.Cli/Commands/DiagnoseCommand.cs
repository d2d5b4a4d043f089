using System.CommandLine;
using PortDoctor.Cli.Output;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using PortDoctor.Platform;
using PortDoctor.Platform.Probe;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `portdoctor diagnose`: collect, probe, analyse, print one verdict; the exit code is the verdict.
/// The analysis only takes a Snapshot (plus context), so an offline source plugs in the same way.
/// </summary>
internal static class DiagnoseCommand
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(3);

    public static Command Create(CliEnvironment env)
    {
        var target = new Option<string[]>("--target")
        {
            Description = "Also test an outbound connect to HOST:PORT (e.g. a domain controller on 389/445). Repeatable.",
            Arity = ArgumentArity.OneOrMore,
        };
        var noProbe = new Option<bool>("--no-probe") { Description = "Skip the outbound test (bind port 0, loopback connect)." };
        var format = OutputWriters.CreateFormatOption();
        format.Description = "Output format: table (the human report, default), json (schema in docs/cli.md) or csv (culprit rows).";
        var command = new Command("diagnose", "One verdict on ephemeral port exhaustion: healthy, at-risk or exhausted; culprit, pattern, evidence, remediation.")
        {
            target, noProbe, format,
        };
        command.SetAction((parse, cancel) =>
        {
            var outputFormat = OutputWriters.ParseFormat(parse.GetValue(format) ?? "table");
            var targets = (parse.GetValue(target) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries))
                .Select(t => ProbeTarget.Parse(t.Trim())).ToList();
            // The kernel log and counters do not depend on the sockets: read them while collecting.
            var kernel = Task.Run(env.Kernel, cancel);
            var snapshot = env.Collector().Collect(new CollectOptions(), cancel);
            if (!parse.GetValue(noProbe))
            {
                snapshot = snapshot with { Probes = [.. snapshot.Probes, .. Probe(snapshot, targets, cancel)] };
            }

            var evidence = kernel.GetAwaiter().GetResult();
            snapshot = snapshot with
            {
                Events = [.. snapshot.Events, .. evidence.Events],
                Notes = evidence.Note is null ? snapshot.Notes : [.. snapshot.Notes, evidence.Note],
            };
            var context = new DiagnosisContext { KernelCounters = evidence.Counters };
            var diagnosis = Diagnostician.Diagnose(snapshot, context);
            if (outputFormat == OutputFormat.Table)
            {
                DiagnoseReport.Write(env.CreateConsole(), diagnosis);
            }
            else
            {
                OutputWriters.Create(outputFormat, env).Write(DiagnoseView.Document(diagnosis));
            }

            OutputWriters.WriteNotes(env, snapshot.Notes);
            return Task.FromResult((int)diagnosis.Verdict);
        });
        return command;
    }

    /// <summary>
    /// The default tests plus the user's targets. When the busiest destination is on this machine
    /// (loopback), it is tested too: on Linux ports are budgeted per destination, so a loopback
    /// listener of our own can still succeed while that destination has none left. No other
    /// address is contacted unless the user names it.
    /// </summary>
    private static IReadOnlyList<ProbeResult> Probe(Snapshot snapshot, List<ProbeTarget> targets, CancellationToken cancel)
    {
        var worst = EphemeralAccounting.Headline(EphemeralAccounting.Compute(snapshot))?.WorstDestinations.FirstOrDefault()?.Remote;
        if (worst is { } remote && IsLoopback(remote.Address) && !targets.Exists(t => t.Host == remote.Address && t.Port == remote.Port))
        {
            targets = [.. targets, new ProbeTarget(remote.Address, remote.Port)];
        }

        return new OutboundProbe(PlatformServices.CurrentOs, ProbeTimeout).Run(targets, cancel);
    }

    private static bool IsLoopback(string address) =>
        System.Net.IPAddress.TryParse(address, out var ip) && System.Net.IPAddress.IsLoopback(ip);
}
