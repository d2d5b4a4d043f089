using System.Diagnostics;
using System.Text;
using System.Text.Json;
using PortDoctor.Cli.Output.Json;
using PortDoctor.Cli.Output.Trace;
using PortDoctor.Core;
using PortDoctor.Core.Bundle;
using PortDoctor.History;
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

    /// <summary>
    /// The monitor's history of the last <paramref name="since"/>, so `report --from` and `diagnose
    /// --from` the bundle have a trend. Halved until it fits <see cref="EvidenceCapture.MaxItemBytes"/>
    /// (a 5 s monitor on a busy host writes over 100 MB a day). The default file missing or unreadable
    /// is a skipped item; a given --db that fails stops collect (one line, before anything is written).
    /// </summary>
    public static CapturedItem History(CliEnvironment env, string? given, TimeSpan since, string folder, AddressMask? mask)
    {
        var path = HistoryFile.Resolve(env, given);
        var clock = Stopwatch.StartNew();
        string Command(TimeSpan window) => $"the monitor's history of the last {DurationText.Format(window)} from {path}";
        if (given is null && !File.Exists(path))
        {
            return new CapturedItem(HistoryEntry, Command(since), null, clock.Elapsed, []) { Skipped = $"no history at {path} (`portdoctor monitor` writes one; --db names another)" };
        }

        var window = since;
        while (true)
        {
            var temp = Path.Combine(folder, $".portdoctor-{Environment.ProcessId}-{Guid.NewGuid():N}.tmp");
            try
            {
                HistoryStore.Export(path, temp, env.Host.Time.GetUtcNow() - window, mask is null ? null : mask.Apply);
                var size = new FileInfo(temp).Length;
                if (size <= EvidenceCapture.MaxItemBytes || window < TimeSpan.FromMinutes(2))
                {
                    return new CapturedItem(HistoryEntry, Command(window), 0, clock.Elapsed, File.ReadAllBytes(temp))
                    {
                        Binary = true,
                        Truncated = window < since,
                    };
                }

                window /= 2;
            }
            catch (PortDoctorException ex) when (given is null)
            {
                return new CapturedItem(HistoryEntry, Command(window), (int)ex.Code, clock.Elapsed, []) { Skipped = ex.Message };
            }
            finally
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>The history's name in a bundle: `report --from` and `diagnose --from` look for it.</summary>
    public const string HistoryEntry = "history.db";

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
