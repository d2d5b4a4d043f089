using System.CommandLine;
using PortDoctor.Cli.Output;
using PortDoctor.Cli.Output.Monitor;
using PortDoctor.Core;
using PortDoctor.Core.Trends.Forecasting;
using PortDoctor.History;
using PortDoctor.Monitoring;
using PortDoctor.Monitoring.Exporter;
using PortDoctor.Platform;
using Spectre.Console;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `portdoctor monitor`: the guide's one-minute netstat loop as a sampler into the history file.
/// A failed sample is one line on stderr and the next interval tries again; Ctrl+C or SIGTERM
/// lets the current sample's transaction finish and exits 0.
/// </summary>
internal static class MonitorCommand
{
    /// <summary>The Windows service's name (`sc create PortDoctor ...`; own-process services take it from the SCM).</summary>
    public const string ServiceName = "PortDoctor";

    public static Command Create(CliEnvironment env)
    {
        var interval = new Option<string>("--interval") { Description = "Time between samples, 1s to 1h (default 60s).", DefaultValueFactory = _ => "60s" };
        var db = HistoryFile.CreateOption();
        var keep = new Option<string>("--keep") { Description = "How long raw samples are kept (default 30d); rollups are kept longer.", DefaultValueFactory = _ => "30d" };
        var duration = new Option<string?>("--duration") { Description = "Stop after this long (default: until Ctrl+C or SIGTERM)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No live view: one line per sample even on a terminal." };
        var format = new Option<string>("--format", "-f") { Description = "Lines as table text (default) or json (one object per line).", DefaultValueFactory = _ => "table" };
        var metrics = new Option<string?>("--metrics") { Description = "Serve Prometheus /metrics on [ADDR:]PORT (default address 127.0.0.1), e.g. 9464.", HelpName = "[ADDR:]PORT" };
        var forecastWindow = new Option<string>("--forecast-window") { Description = "With --metrics: the shortest growth the forecast fits before it gives an ETA, 10s to 24h (default 30m).", DefaultValueFactory = _ => "30m" };
        var command = new Command("monitor", "Sample ephemeral port use every interval into a history file (SQLite); `history` reads it back.")
        {
            interval, db, keep, duration, quiet, format, metrics, forecastWindow,
        };
        var namespaces = new NamespaceOptions(withPid: true);
        namespaces.AddTo(command);
        var allNetns = new Option<bool>("--all-netns") { Description = "Sample every network namespace of this machine each interval, each as its own host, labelled in the history (Linux, root)." };
        command.Options.Add(allNetns);
        var service = new Option<bool>("--service") { Description = "Run as the Windows service PortDoctor under the Service Control Manager (see docs/windows.md); a service stop ends it like Ctrl+C." };
        command.Options.Add(service);
        command.SetAction(async (parse, cancel) =>
        {
            var request = MonitorRequest.Parse(
                env, parse.GetValue(interval) ?? "60s", parse.GetValue(db), parse.GetValue(keep) ?? "30d", parse.GetValue(duration), parse.GetValue(quiet), parse.GetValue(format) ?? "table");
            request = request with
            {
                Metrics = parse.GetValue(metrics) is { } address ? MetricsAddress.Parse(address) : null,
                ForecastWindow = MonitorRequest.ParseForecastWindow(parse.GetValue(forecastWindow) ?? "30m"),
            };

            if (parse.GetValue(allNetns))
            {
                return await RunAllNamespaces(env, request, parse.GetValue(namespaces.NetnsOption) is not null || parse.GetValue(namespaces.PidOption!) is not null, cancel).ConfigureAwait(false);
            }

            // Under the Windows Service Control Manager: a service stop cancels the run like Ctrl+C.
            return parse.GetValue(service)
                ? env.Host.RunAsService(ServiceName, token => RunOne(env, request, namespaces.Open(parse, env), token))
                : await RunOne(env, request, namespaces.Open(parse, env), cancel).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>One namespace (or the host's own): the live view on a terminal, else a line per sample.</summary>
    private static async Task<int> RunOne(CliEnvironment env, MonitorRequest request, INetworkNamespace? opened, CancellationToken cancel)
    {
        using var ns = opened;
        // Bound before anything else, so a host already out of ports is still scraped.
        await using var exporter = MetricsExport.Start(env, request.Metrics, ForecastOptions.Default with { MinimumWindow = request.ForecastWindow });
        using var store = HistoryStore.Open(request.Path, request.HistoryOptions());
        exporter.Seed(store, request.Interval, env.Host.Time.GetUtcNow());
        var builder = new SampleBuilder(ProcessStartTimes.For(env.Host.Os));
        var source = new LiveSource(env.Host, new LiveSourceOptions
        {
            Namespace = ns,
            // Events since the previous sample are what counts; a little overlap loses none at the edge.
            EventsSince = request.Interval * 2,
            Collect = new CollectOptions { Owners = OwnerCache.ForMonitor() },
            // The probe's target is counted by the builder's kept accounting, which the sample then reuses.
            Accounting = builder.Accounting.Compute,
            BusiestLoopbackFromPercent = LiveSourceOptions.MonitorBusiestLoopbackPercent,
            BusiestLoopbackCadence = ProbeCadence.ForMonitor(),
        });
        var sampler = new Sampler(
            source,
            new HistorySampleStore(store),
            builder,
            env.Host.Time,
            new SamplerOptions { Interval = request.Interval, Duration = request.Duration });
        if (env.OutIsTerminal && !request.Quiet)
        {
            await RunLive(env, request, sampler, store.Path, exporter.Record, cancel).ConfigureAwait(false);
            return (int)ExitCode.Ok;
        }

        var where = ns is null ? "" : $" in network namespace {ns.Info}";
        var started = $"monitoring{where} every {request.Interval.TotalSeconds:0.###} s into {store.Path}";
        env.Error.WriteLine($"portdoctor: {started} (Ctrl+C stops)");

        // Under systemd (Type=notify): ready once the file is open, alive after every sample.
        using var notifier = ServiceNotifier.FromEnvironment(env.Variable);
        notifier?.Ready(started);
        try
        {
            await sampler.RunAsync(
                outcome =>
                {
                    exporter.Record(outcome);
                    Report(env, request, outcome);
                    notifier?.Alive(MonitorLine.Text(MonitorLine.Of(outcome)));
                },
                cancel).ConfigureAwait(false);
        }
        finally
        {
            notifier?.Stopping();
        }

        return (int)ExitCode.Ok;
    }

    /// <summary>`--all-netns`: one line per namespace per sample (never the live view); --metrics labels each namespace's series.</summary>
    private static async Task<int> RunAllNamespaces(CliEnvironment env, MonitorRequest request, bool oneNamespace, CancellationToken cancel)
    {
        if (oneNamespace)
        {
            throw new PortDoctorException("--all-netns samples every namespace of this machine: it cannot be combined with --netns or --pid", ExitCode.Usage);
        }

        await using var exporter = MetricsExport.Start(env, request.Metrics, ForecastOptions.Default with { MinimumWindow = request.ForecastWindow }, perNamespace: true);
        using var store = HistoryStore.Open(request.Path, request.HistoryOptions());
        exporter.Seed(store, request.Interval, env.Host.Time.GetUtcNow());
        env.Error.WriteLine($"portdoctor: monitoring every network namespace every {request.Interval.TotalSeconds:0.###} s into {store.Path} (Ctrl+C stops)");
        await new MonitorAllNamespaces(env, request, store, exporter).RunAsync(outcome => Report(env, request, outcome), cancel).ConfigureAwait(false);
        return (int)ExitCode.Ok;
    }

    /// <summary>The live view, redrawn after each sample; `q` (when stdin is a terminal) or Ctrl+C ends it.</summary>
    private static async Task RunLive(CliEnvironment env, MonitorRequest request, Sampler sampler, string path, Action<SampleOutcome> record, CancellationToken cancel)
    {
        using var quit = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        var view = new MonitorLiveView(path, request.Interval);
        var keys = Console.IsInputRedirected ? Task.CompletedTask : WatchForQuit(quit);
        await env.CreateConsole().Live(view.Render()).AutoClear(false).StartAsync(async live =>
        {
            await sampler.RunAsync(
                outcome =>
                {
                    record(outcome);
                    view.Add(outcome);
                    live.UpdateTarget(view.Render());
                    live.Refresh();
                },
                quit.Token).ConfigureAwait(false);
        }).ConfigureAwait(false);
        await quit.CancelAsync().ConfigureAwait(false);
        await keys.ConfigureAwait(false);
    }

    private static Task WatchForQuit(CancellationTokenSource quit) => Task.Run(async () =>
    {
        while (!quit.IsCancellationRequested)
        {
            while (Console.KeyAvailable)
            {
                if (char.ToLowerInvariant(Console.ReadKey(intercept: true).KeyChar) == 'q')
                {
                    await quit.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }

            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), quit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    });

    private static void Report(CliEnvironment env, MonitorRequest request, SampleOutcome outcome)
    {
        if (outcome.Error is { } error)
        {
            env.Error.WriteLine($"portdoctor: {error}");
            return;
        }

        var line = MonitorLine.Of(outcome);
        env.Out.WriteLine(request.Format == OutputFormat.Json ? MonitorLine.Json(line) : MonitorLine.Text(line));
        env.Out.Flush();
    }
}
