using System.CommandLine;
using System.Net;
using PortDoctor.Core;
using PortDoctor.Platform.Lab;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// The hidden verbs the lab starts inside its namespace: `lab serve` (the peer) and
/// `lab workload` (the leaking client). Being this same binary, the culprit's PID is known.
/// </summary>
internal static class LabChildCommands
{
    public static Command Serve(CliEnvironment env)
    {
        var port = new Option<int>("--port") { Required = true };
        var mode = new Option<string>("--mode") { Required = true };
        var maxSeconds = new Option<int>("--max-seconds") { DefaultValueFactory = _ => 300 };
        var command = new Command("serve", "Lab peer (internal).") { Hidden = true };
        command.Options.Add(port);
        command.Options.Add(mode);
        command.Options.Add(maxSeconds);
        command.SetAction((parse, cancel) =>
        {
            var serverMode = Enum.TryParse<LabServerMode>(parse.GetValue(mode), ignoreCase: true, out var m)
                ? m
                : throw new PortDoctorException($"--mode '{parse.GetValue(mode)}': use hold, closeatonce or closeafterpeer", ExitCode.Usage);
            return Task.FromResult(LabServer.Run(parse.GetValue(port), serverMode, TimeSpan.FromSeconds(parse.GetValue(maxSeconds)), env.Out, env.In, cancel));
        });
        return command;
    }

    public static Command Workload(CliEnvironment env)
    {
        var pattern = new Option<string>("--pattern") { Required = true };
        var target = new Option<string>("--target") { Required = true };
        var limit = new Option<int>("--limit") { Required = true };
        var maxSeconds = new Option<int>("--max-seconds") { DefaultValueFactory = _ => 300 };
        var command = new Command("workload", "Lab workload (internal).") { Hidden = true };
        command.Options.Add(pattern);
        command.Options.Add(target);
        command.Options.Add(limit);
        command.Options.Add(maxSeconds);
        command.SetAction((parse, cancel) =>
        {
            var endpoint = IPEndPoint.TryParse(parse.GetValue(target) ?? "", out var e)
                ? e
                : throw new PortDoctorException($"--target '{parse.GetValue(target)}': expected address:port", ExitCode.Usage);
            var count = Math.Clamp(parse.GetValue(limit), 1, 65536);
            return Task.FromResult(LabWorkload.Run(
                LabPatterns.Parse(parse.GetValue(pattern) ?? ""),
                endpoint,
                count,
                TimeSpan.FromSeconds(parse.GetValue(maxSeconds)),
                env.Out,
                env.In,
                cancel));
        });
        return command;
    }
}
