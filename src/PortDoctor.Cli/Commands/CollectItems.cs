using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PortDoctor.Cli.Output.Json;
using PortDoctor.Cli.Output.Trace;
using PortDoctor.Core;
using PortDoctor.Platform.Bundle;
using PortDoctor.Platform.Dump;
using PortDoctor.Platform.Tracing;

namespace PortDoctor.Cli.Commands;

/// <summary>collect's items: our own JSON (connections, diagnose) first, then the host's raw outputs, then an optional trace.</summary>
internal static class CollectItems
{
    public static List<CapturedItem> Capture(CliEnvironment env, TimeSpan? traceDuration, CancellationToken cancel)
    {
        var items = new List<CapturedItem>
        {
            OwnVerb(env, "portdoctor-connections.json", "connections", "--format", "json"),
            OwnVerb(env, "portdoctor-diagnose.json", "diagnose", "--format", "json"),
        };
        foreach (var item in env.Host.EvidenceItems())
        {
            cancel.ThrowIfCancellationRequested();
            items.Add(EvidenceCapture.Capture(item));
        }

        if (traceDuration is { } duration)
        {
            items.Add(Trace(env, duration, cancel));
        }

        return items;
    }

    /// <summary>One of our verbs run in process, as `portdoctor VERB ...` would print it.</summary>
    private static CapturedItem OwnVerb(CliEnvironment env, string name, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var clock = Stopwatch.StartNew();
        var code = CliApp.Run(args, env with { Out = output, Error = error, OutIsTerminal = false, ErrorIsTerminal = false, RawOut = null });
        var text = output.ToString();
        return new CapturedItem(name, "portdoctor " + string.Join(' ', args), code, clock.Elapsed, Encoding.UTF8.GetBytes(text))
        {
            Skipped = text.Length == 0 ? error.ToString().Trim() : null,
        };
    }

    /// <summary>The process dump beside the zip; a failure stops collect before the zip is written.</summary>
    public static CapturedItem Dump(CliEnvironment env, DumpPlan plan, CancellationToken cancel)
    {
        env.Error.WriteLine($"portdoctor: dumping process {plan.Pid} to {plan.Path} (expected about {plan.ExpectedBytes >> 20} MB)");
        var clock = Stopwatch.StartNew();
        env.Host.ProcessDumper.Write(plan, cancel);
        return new CapturedItem(Path.GetFileName(plan.Path), plan.Command + " (beside the zip, not in it)", 0, clock.Elapsed, []) { Beside = plan.Path };
    }

    /// <summary>The failure trace, when asked for; without root (or tracefs) it is a skipped item, not a failed collect.</summary>
    private static CapturedItem Trace(CliEnvironment env, TimeSpan duration, CancellationToken cancel)
    {
        var command = $"portdoctor trace --duration {duration.TotalSeconds:0}s --format json";
        var clock = Stopwatch.StartNew();
        try
        {
            var summary = env.Host.AllocationTracer.Trace(new TraceRequest(duration, []), status => env.Error.WriteLine($"portdoctor: {status}"), cancel);
            TraceStateFile.Keep(env, summary);
            var bytes = JsonSerializer.SerializeToUtf8Bytes(TraceView.ToJson(summary), CliJsonContext.Readable.TraceJson);
            return new CapturedItem("trace.json", command, 0, clock.Elapsed, bytes);
        }
        catch (PortDoctorException ex)
        {
            return new CapturedItem("trace.json", command, (int)ex.Code, clock.Elapsed, []) { Skipped = ex.Message };
        }
    }
}
