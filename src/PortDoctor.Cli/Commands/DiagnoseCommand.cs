using System.CommandLine;
using PortDoctor.Cli.Output;
using PortDoctor.Cli.Output.Diagnose;
using PortDoctor.Core;
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
        var since = new Option<string>("--since")
        {
            Description = "How far back to read confirmation events (Windows Tcpip 4227/4231): e.g. 30m, 24h, 7d.",
            DefaultValueFactory = _ => "24h",
        };
        var from = EvidenceInput.CreateFromOption();
        var inputFormat = EvidenceInput.CreateFormatOption();
        var format = OutputWriters.CreateFormatOption();
        format.Description = "Output format: table (the human report, default), json (schema in docs/cli.md) or csv (culprit rows).";
        var command = new Command("diagnose", "One verdict on ephemeral port exhaustion: healthy, at-risk or exhausted; culprit, pattern, evidence, remediation.")
        {
            target, noProbe, since, format, from, inputFormat,
        };
        command.SetAction((parse, cancel) =>
        {
            var outputFormat = OutputWriters.ParseFormat(parse.GetValue(format) ?? "table");
            var targets = (parse.GetValue(target) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries))
                .Select(t => ProbeTarget.Parse(t.Trim())).ToList();
            var files = parse.GetValue(from) ?? [];
            if (files.Length > 0 && targets.Count > 0)
            {
                throw new PortDoctorException("--target tests this machine and cannot be combined with --from (files from elsewhere)", ExitCode.Usage);
            }

            var window = DurationText.Parse("--since", parse.GetValue(since) ?? "24h");
            var (snapshot, context) = files.Length > 0
                ? FromFiles(env, files, parse.GetValue(inputFormat), cancel)
                : Live(env, targets, window, parse.GetValue(noProbe), cancel);
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
            return Task.FromResult(diagnosis.ExitCode);
        });
        return command;
    }

    /// <summary>Collects this machine, probes, and reads kernel evidence alongside.</summary>
    private static (Snapshot Snapshot, DiagnosisContext Context) Live(
        CliEnvironment env, List<ProbeTarget> targets, TimeSpan since, bool noProbe, CancellationToken cancel)
    {
        // The kernel log and counters do not depend on the sockets: read them while collecting.
        var kernel = Task.Run(env.Kernel, cancel);
        var snapshot = env.Collector().Collect(new CollectOptions { EventsSince = since }, cancel);
        if (!noProbe)
        {
            snapshot = snapshot with { Probes = [.. snapshot.Probes, .. Probe(snapshot, targets, cancel)] };
        }

        var evidence = kernel.GetAwaiter().GetResult();
        snapshot = snapshot with
        {
            Events = [.. snapshot.Events, .. evidence.Events],
            Notes = evidence.Note is null ? snapshot.Notes : [.. snapshot.Notes, evidence.Note],
        };
        return (snapshot, new DiagnosisContext { KernelCounters = evidence.Counters });
    }

    /// <summary>
    /// The same diagnosis from captured files: the latest sample is judged, a periodic log adds
    /// each process's growth. No outbound test can be run for a machine we are not on: said so.
    /// </summary>
    private static (Snapshot Snapshot, DiagnosisContext Context) FromFiles(
        CliEnvironment env, string[] files, string? inputFormat, CancellationToken cancel)
    {
        var evidence = EvidenceInput.Load(env, files, inputFormat, cancel);
        var snapshot = evidence.Latest with
        {
            Notes =
            [
                .. EvidenceInput.Notes(evidence),
                "offline evidence: no outbound test was run; exhaustion is confirmed only by events 4227/4231 in the files or a pool at its limit",
            ],
        };
        return (snapshot, new DiagnosisContext { Growth = evidence.IsTimeSeries ? evidence.Growth : [] });
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
