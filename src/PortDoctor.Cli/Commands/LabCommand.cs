using System.CommandLine;
using System.Globalization;
using System.Runtime.InteropServices;
using PortDoctor.Cli.Output;
using PortDoctor.Cli.Output.Lab;
using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Core.Ranges;
using PortDoctor.Platform;
using PortDoctor.Platform.Lab;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `portdoctor lab`: reproduces one exhaustion pattern in a throw-away network namespace with a
/// narrow range, runs diagnose inside it, shows the result, and always removes what it created.
/// </summary>
internal static class LabCommand
{
    public const int RangeStart = 40000;
    public const int ServerPort = 5000;
    private const int MaxHoldSeconds = 3600;
    private const int MinRunSeconds = 5;
    private static int _sequence;

    /// <summary>
    /// Held to the end of the process: SIGTERM after CliApp's own handler is gone (the lab has
    /// cleaned up and is exiting) must not turn exit code 130 into death by signal (143).
    /// </summary>
    private static PosixSignalRegistration? _lateSigterm;

    public static Command Create(CliEnvironment env)
    {
        var pattern = new Option<string>("--pattern", "-p")
        {
            Description = "What to reproduce: bound, established, close-wait, time-wait, or healthy (the control).",
            DefaultValueFactory = _ => "established",
        };
        var ports = new Option<int>("--ports") { Description = "Size of the namespace's ephemeral range (from 40000).", DefaultValueFactory = _ => 1000 };
        var fill = new Option<string?>("--fill") { Description = "Stop at this share of the range, e.g. 85% (default: until connects fail)." };
        var name = new Option<string?>("--namespace") { Description = "Name of the namespace to create (default pdlab-<pid>-<n>; must not exist)." };
        var hold = new Option<int>("--max-seconds") { Description = "Upper bound on how long the workload runs (5-3600).", DefaultValueFactory = _ => 300 };
        var keep = new Option<int>("--hold") { Description = "Keep the namespace and workload this many seconds after diagnose, to look around (Ctrl+C ends it early)." };
        var format = OutputWriters.CreateFormatOption();
        format.Description = "table (diagnose's report, default), json (the lab's facts plus diagnose's JSON document) or csv (one row: the lab's facts, the verdict and the top culprit).";
        var command = new Command("lab", "Reproduce ephemeral port exhaustion safely in a network namespace, then diagnose it (root, Linux).")
        {
            pattern, ports, fill, name, hold, keep, format,
        };
        command.Subcommands.Add(LabChildCommands.Serve(env));
        command.Subcommands.Add(LabChildCommands.Workload(env));
        command.SetAction((parse, cancel) =>
        {
            var outputFormat = OutputWriters.ParseFormat(parse.GetValue(format) ?? "table");
            var labPattern = LabPatterns.Parse(parse.GetValue(pattern) ?? "");
            var count = parse.GetValue(ports);
            var problems = PortRangeRules.Validate(RangeStart, count, OsKind.Linux).Where(p => !p.IsWarning && p.Rule != "parity").ToList();
            if (problems.Count > 0)
            {
                throw new PortDoctorException($"--ports {count}: {problems[0].Message}", ExitCode.Usage);
            }

            var fillPercent = ParseFill(parse.GetValue(fill));
            var holdSeconds = CheckHold(parse.GetValue(keep));
            var maxSeconds = CheckMaxSeconds(parse.GetValue(hold));
            if (!Environment.IsPrivilegedProcess)
            {
                throw new PortDoctorException("lab needs root to create network namespaces: run it as root (e.g. sudo)", ExitCode.NoPermission);
            }

            _lateSigterm ??= PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => context.Cancel = true);
            var options = new LabOptions(
                labPattern,
                new PortRange(RangeStart, count),
                fillPercent,
                parse.GetValue(name) ?? $"pdlab-{Environment.ProcessId}-{Interlocked.Increment(ref _sequence)}",
                TimeSpan.FromSeconds(maxSeconds),
                outputFormat)
            {
                Hold = TimeSpan.FromSeconds(holdSeconds),
            };
            LabRun.Run(env.Host, options, SelfInvocation.Current(), env.Error, result => Show(env, options, result), cancel);
            if (outputFormat == OutputFormat.Table)
            {
                env.Out.WriteLine($"lab: namespace {options.Namespace} and its processes removed");
            }

            return Task.FromResult(0);
        });
        return command;
    }

    private static void Show(CliEnvironment env, LabOptions options, LabResult result)
    {
        if (options.Format != OutputFormat.Table)
        {
            OutputWriters.Create(options.Format, env).Write(LabView.Document(options, result));
        }
        else
        {
            env.Out.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"lab: namespace {options.Namespace}, range {options.Range} ({options.Range.Count} ports), pattern {options.Pattern.ToName()}" +
                $"{(options.FillPercent is { } f ? $", fill {f}%" : "")}: workload PID {result.WorkloadPid} opened {result.Taken} sockets, stopped by {result.StopReason}"));
            env.Out.WriteLine($"lab: diagnose inside the namespace (exit code {result.DiagnoseExitCode}):");
            env.Out.WriteLine();
            env.Out.Write(result.DiagnoseOutput);
        }

        env.Out.Flush();
    }

    /// <summary>Refused rather than clamped: a user who typed -5 or 7200 meant something else.</summary>
    private static int CheckHold(int seconds) => seconds switch
    {
        < 0 => throw new PortDoctorException($"--hold: {seconds} is negative: give the seconds to keep the namespace after diagnose (0-3600)", ExitCode.Usage),
        > MaxHoldSeconds => throw new PortDoctorException($"--hold: {seconds} is more than {MaxHoldSeconds} seconds (one hour)", ExitCode.Usage),
        _ => seconds,
    };

    private static int CheckMaxSeconds(int seconds) => seconds is >= MinRunSeconds and <= MaxHoldSeconds
        ? seconds
        : throw new PortDoctorException(
            $"--max-seconds: {seconds} is outside {MinRunSeconds}-{MaxHoldSeconds}: give the upper bound of the workload's run in seconds", ExitCode.Usage);

    private static int? ParseFill(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim().TrimEnd('%');
        return int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 100
            ? value
            : throw new PortDoctorException($"--fill '{text}': expected a percentage from 1% to 100%", ExitCode.Usage);
    }
}
