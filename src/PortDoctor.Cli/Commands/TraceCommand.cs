using System.CommandLine;
using PortDoctor.Cli.Output;
using PortDoctor.Cli.Output.Trace;
using PortDoctor.Core;
using PortDoctor.Core.Tracing;
using PortDoctor.Platform.Tracing;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// `portdoctor trace`: which processes failed to get a local port (connect EADDRNOTAVAIL/EAGAIN,
/// bind EADDRINUSE), for a while or until Ctrl+C; then the per-process summary. The summary is also
/// kept in the state directory, where diagnose finds a recent one.
/// </summary>
internal static class TraceCommand
{
    public static Command Create(CliEnvironment env)
    {
        var duration = new Option<string>("--duration") { Description = "How long to trace (default 60s); Ctrl+C ends early and still prints the summary.", DefaultValueFactory = _ => "60s" };
        var pids = new Option<int[]>("--pid")
        {
            Description = "Only these processes (repeatable); default: every process on the host.",
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = true,
        };
        var from = new Option<string?>("--from") { Description = "Read a capture instead (netsh trace .etl; needs Windows)." };
        var format = OutputWriters.CreateFormatOption();
        var command = new Command("trace", "Catch failed port allocations per process (Linux: tracefs, root; Windows: see docs/windows.md).")
        {
            duration, pids, from, format,
        };

        // --pid stays the process filter it always was; a process's namespace is --netns /proc/PID/ns/net.
        var namespaces = new NamespaceOptions(withPid: false);
        namespaces.AddTo(command);
        command.SetAction((parse, cancel) =>
        {
            var outputFormat = OutputWriters.ParseFormat(parse.GetValue(format) ?? "table");
            var tracer = env.Host.AllocationTracer;
            TraceSummary summary;
            if (parse.GetValue(from) is { } capture)
            {
                if (parse.GetValue(namespaces.NetnsOption) is not null)
                {
                    throw new PortDoctorException("--netns filters a live trace; a capture (--from) is read as it was taken", ExitCode.Usage);
                }

                summary = tracer.ReadCapture(capture, cancel);
            }
            else
            {
                var period = DurationText.Parse("--duration", parse.GetValue(duration) ?? "60s");
                var filter = Checked(parse.GetValue(pids) ?? []);
                using var ns = namespaces.Open(parse, env);
                summary = tracer.Trace(new TraceRequest(period, filter, ns?.Info), status => env.Error.WriteLine($"portdoctor: {status}"), cancel);

                // diagnose cites the kept trace as the host's; one namespace's failures are not.
                if (ns is null)
                {
                    TraceStateFile.Keep(env, summary);
                }
            }

            OutputWriters.Create(outputFormat, env).Write(TraceView.Document(summary));
            OutputWriters.WriteNotes(env, TraceView.Notes(summary));
            return Task.FromResult((int)ExitCode.Ok);
        });
        return command;
    }

    private static int[] Checked(int[] pids)
    {
        foreach (var pid in pids.Where(p => p <= 0))
        {
            throw new PortDoctorException($"--pid {pid}: a PID is a positive number", ExitCode.Usage);
        }

        return [.. pids.Distinct()];
    }
}
