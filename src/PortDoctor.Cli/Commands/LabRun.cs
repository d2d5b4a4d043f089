using System.Globalization;
using PortDoctor.Cli.Output;
using PortDoctor.Core;
using PortDoctor.Platform;
using PortDoctor.Platform.Lab;

namespace PortDoctor.Cli.Commands;

/// <summary>
/// One lab scenario, start to finish. Every resource is a `using`, so the namespace and the
/// children go away on success, failure and Ctrl+C (cancellation unwinds through here) alike.
/// </summary>
internal static class LabRun
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan FillTimeout = TimeSpan.FromSeconds(120);

    /// <param name="show">Prints the result; called before the optional hold so the user can look around meanwhile.</param>
    public static void Run(IHostPlatform host, LabOptions options, SelfInvocation self, TextWriter error, Action<LabResult> show, CancellationToken cancel)
    {
        if (OperatingSystem.IsLinux())
        {
            StaleLabNamespaces.Sweep(error);
        }

        try
        {
            RunScenario(host, options, self, error, show, cancel);
        }
        catch (PortDoctorException) when (cancel.IsCancellationRequested)
        {
            // Interrupted: a failure on the way down (a child without a session of its own got the same signal) is a symptom.
            throw new OperationCanceledException(cancel);
        }

        // A signal that came during the cleanup still interrupted the run: exit 130, like one that came before.
        cancel.ThrowIfCancellationRequested();
    }

    private static void RunScenario(IHostPlatform host, LabOptions options, SelfInvocation self, TextWriter error, Action<LabResult> show, CancellationToken cancel)
    {
        var maxSeconds = ((int)options.MaxRun.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        using var lab = host.CreateLabNamespace(options.Namespace, options.Range);
        using var server = LabChild.Start(options.Namespace, self, "lab server", [
            "lab", "serve", "--port", LabCommand.ServerPort.ToString(CultureInfo.InvariantCulture),
            "--mode", options.Pattern.ServerMode().ToString(), "--max-seconds", maxSeconds]);
        server.WaitUntilReady(StartTimeout, cancel);

        // Without --fill the workload goes a little past the range, so the kernel is what stops it.
        var limit = options.FillPercent is { } fill
            ? (int)Math.Ceiling(options.Range.Count * fill / 100.0)
            : options.Range.Count + 64;
        using var workload = LabChild.Start(options.Namespace, self, "lab workload", [
            "lab", "workload", "--pattern", options.Pattern.ToName(),
            "--target", $"127.0.0.1:{LabCommand.ServerPort.ToString(CultureInfo.InvariantCulture)}",
            "--limit", limit.ToString(CultureInfo.InvariantCulture), "--max-seconds", maxSeconds]);
        var ready = Fields(workload.WaitUntilReady(FillTimeout, cancel));

        string[] diagnose = options.Format == OutputFormat.Table ? ["diagnose"] : ["diagnose", "--format", "json"];
        var (code, output, problems) = LabChild.RunToEnd(options.Namespace, self, diagnose, FillTimeout, cancel);
        foreach (var line in problems.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            error.WriteLine(line.StartsWith("portdoctor:", StringComparison.Ordinal) ? $"lab: diagnose said: {line[11..].Trim()}" : line);
        }

        if (code > (int)ExitCode.Exhausted)
        {
            throw new PortDoctorException($"lab: diagnose inside {options.Namespace} failed with exit code {code}", ExitCode.Unavailable);
        }

        show(new LabResult(
            int.Parse(ready.GetValueOrDefault("pid", "0"), CultureInfo.InvariantCulture),
            int.Parse(ready.GetValueOrDefault("taken", "0"), CultureInfo.InvariantCulture),
            ready.GetValueOrDefault("stop", "?"),
            code,
            output));
        if (options.Hold > TimeSpan.Zero)
        {
            error.WriteLine($"lab: holding {options.Namespace} for {options.Hold.TotalSeconds:0} s (look around: ip netns exec {options.Namespace} ss -tanp); Ctrl+C ends it");
            error.Flush();
            cancel.WaitHandle.WaitOne(options.Hold);
            cancel.ThrowIfCancellationRequested();
        }
    }

    /// <summary>"ready pid=1 taken=2 stop=limit" as key/value pairs.</summary>
    private static Dictionary<string, string> Fields(string line) =>
        line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(f => f.Split('=', 2))
            .Where(kv => kv.Length == 2)
            .ToDictionary(kv => kv[0], kv => kv[1], StringComparer.Ordinal);
}
