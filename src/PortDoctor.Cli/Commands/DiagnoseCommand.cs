using System.CommandLine;
using System.Globalization;
using PortDoctor.Cli.Output;
using PortDoctor.Cli.Output.Diagnose;
using PortDoctor.Cli.Output.Json;
using PortDoctor.Core;
using PortDoctor.Core.Analysis;
using PortDoctor.Core.Model;
using PortDoctor.Core.Sources;
using PortDoctor.Platform;
using PortDoctor.Platform.Probe;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `portdoctor diagnose`: collect, probe, analyse, print one verdict; the exit code is the verdict.
/// The analysis only takes a Snapshot (plus context), so an offline source plugs in the same way.
/// </summary>
internal static class DiagnoseCommand
{
    /// <summary>`diagnose --help`: how to read the report; the numbers are the analysis' own constants.</summary>
    private static readonly string Reading = string.Create(
        CultureInfo.InvariantCulture,
        $"""
        One verdict on ephemeral port exhaustion: healthy, at-risk or exhausted; culprit, pattern, evidence, remediation.

        Reading the report:
          Verdict   exhausted (exit 2): an outbound test failed with "address unavailable", Windows logged Tcpip 4227/4231,
                    or the fullest pool is at capacity and not only with TIME_WAIT.
                    at-risk (exit 1): the fullest pool is {Diagnostician.AtRiskPercent}% full or more, one process holds over {Diagnostician.CulpritAtRiskPercent}% of it,
                    a process has over {HandleThresholds.LikelyCulprit} handles, a periodic log's growth fills it within {Diagnostician.ForecastHorizon.TotalHours} h,
                    or (Linux) {Diagnostician.AtRiskPercent}% of its ports hold a socket, leaving few for a bind to port 0.
                    Else healthy (exit 0).
          Culprit   the process holding the most ephemeral ports (at least {LeakPatterns.CulpritSharePercent}% of the pool), with its counts per state.
          Pattern   what its ports are stuck in: established (held open), close-wait (the peer closed, the app never did),
                    time-wait (too many short connections), bound (bound, never connected), syn-sent, closing, udp-bound.
          Scope     "across all destinations" is the global pool; "toward ADDRESS:PORT" is one destination (Linux budgets
                    local ports per destination, so one busy destination can run out while the pool has room).
          TIME_WAIT* (and CLOSING*) sockets have no owner any more: their process is inferred from earlier connections.
        """);

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
        var db = HistoryFile.CreateOption();
        db.Description = "The monitor's history (SQLite) whose forecast and TIME_WAIT owners live diagnose uses. Default: the monitor's default file when it exists.";
        var command = new Command("diagnose", Reading)
        {
            target, noProbe, since, format, from, inputFormat, db,
        };
        var namespaces = new NamespaceOptions(withPid: true);
        namespaces.AddTo(command);
        var allNetns = new Option<bool>("--all-netns")
        {
            Description = "Judge every network namespace on the host (containers, pods) as its own host, the worst first, with the processes and containers in it (Linux, root).",
        };
        command.Options.Add(allNetns);
        command.SetAction((parse, cancel) =>
        {
            var outputFormat = OutputWriters.ParseFormat(parse.GetValue(format) ?? "table");
            var targets = (parse.GetValue(target) ?? []).SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries))
                .Select(t => ProbeTarget.Parse(t.Trim())).ToList();
            var files = parse.GetValue(from) ?? [];
            if (files.Length > 0 && parse.GetValue(db) is not null)
            {
                throw new PortDoctorException("--db is this machine's history and cannot be combined with --from (files from elsewhere)", ExitCode.Usage);
            }

            if (files.Length > 0 && targets.Count > 0)
            {
                throw new PortDoctorException("--target tests this machine and cannot be combined with --from (files from elsewhere)", ExitCode.Usage);
            }

            var window = DurationText.Parse("--since", parse.GetValue(since) ?? "24h");
            if (files.Length > 0 && outputFormat == OutputFormat.Json)
            {
                CliJsonContext.PrepareInBackground(typeof(DiagnoseJson));
            }

            if (parse.GetValue(allNetns))
            {
                if (files.Length > 0 || parse.GetResult(namespaces.NetnsOption) is not null || parse.GetResult(namespaces.PidOption!) is not null)
                {
                    throw new PortDoctorException("--all-netns reads every namespace of this machine: it cannot be combined with --from, --netns or --pid", ExitCode.Usage);
                }

                if (parse.GetValue(db) is not null)
                {
                    throw new PortDoctorException("--db is one namespace's history: it cannot be combined with --all-netns", ExitCode.Usage);
                }

                var options = new LiveSourceOptions { EventsSince = window, Probe = !parse.GetValue(noProbe), Targets = targets };
                return Task.FromResult(DiagnoseAllNamespaces.Run(env, options, outputFormat, cancel));
            }

            using var ns = files.Length > 0 ? null : namespaces.Open(parse, env);
            var (snapshot, context) = files.Length > 0
                ? DiagnoseHistory.FromBundle(env, files, Offline(EvidenceInput.Source(env, files, parse.GetValue(inputFormat)).Observe(cancel)))
                : DiagnoseHistory.Apply(env, parse.GetValue(db), ns is not null, new LiveSource(env.Host, new LiveSourceOptions { EventsSince = window, Probe = !parse.GetValue(noProbe), Targets = targets, Namespace = ns }).Observe(cancel));
            if (files.Length == 0 && TraceStateFile.ReadRecent(env) is { } trace)
            {
                context = context with { RecentTrace = trace };
            }

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

    /// <summary>No outbound test can be run for a machine we are not on: said so.</summary>
    private static Observation Offline(Observation observation) => observation with
    {
        Snapshot = observation.Snapshot with
        {
            Notes =
            [
                .. observation.Snapshot.Notes,
                new Note(NoteKind.OfflineNoProbe),
            ],
        },
    };
}
