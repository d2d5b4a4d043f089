using System.Diagnostics;
using System.Globalization;
using System.Runtime.Versioning;
using PortDoctor.Core;
using PortDoctor.Core.Tracing;
using PortDoctor.Platform.Tracing;

namespace PortDoctor.Platform.Linux.Tracing;

/// <summary>
/// Failed connect/bind per process from tracefs syscall events (no BPF compiler): a private
/// instance, exits filtered in the kernel on ret &lt; 0, errno matched here, enter events paired by
/// thread for the socket and its family. Root only; one trace per host (a lock); a stale instance
/// from a killed run is removed at the next start.
/// </summary>
[SupportedOSPlatform("linux")]
internal sealed class LinuxAllocationTracer(TimeProvider time, string lockPath) : IAllocationTracer
{
    public TraceSummary Trace(TraceRequest request, Action<string> onStatus, CancellationToken cancellationToken)
    {
        if (!Environment.IsPrivilegedProcess)
        {
            throw new PortDoctorException("trace needs root: tracefs is readable by root only", ExitCode.NoPermission);
        }

        var root = TracefsMount.Locate();
        TracefsMount.RequireSyscallEvents(root);
        using var hostLock = TraceLock.Acquire(lockPath);
        if (TracefsInstance.SweepStale(root))
        {
            onStatus($"removed a stale tracefs instance {TracefsInstance.PathUnder(root)} left by a killed trace");
        }

        var threads = ThreadsOf(request.Pids);
        var instance = TracefsInstance.Create(root, threads);
        try
        {
            return Record(instance, request, onStatus, cancellationToken);
        }
        finally
        {
            instance.Remove();
        }
    }

    public TraceSummary ReadCapture(string path, CancellationToken cancellationToken) =>
        throw new PortDoctorException(
            $"{path}: decoding an ETL capture (netsh trace) needs Windows (its decoder is the OS's own); copy the file to a Windows machine",
            ExitCode.Unavailable);

    private TraceSummary Record(TracefsInstance instance, TraceRequest request, Action<string> onStatus, CancellationToken cancellationToken)
    {
        // trace_clock=mono is CLOCK_MONOTONIC, the clock behind Stopwatch on Linux: one reading of both anchors it.
        var clock = new TraceClock(Stopwatch.GetTimestamp() / (double)Stopwatch.Frequency, time.GetUtcNow());
        var started = time.GetUtcNow();
        var sink = new TraceLineSink(request, clock, ProcessName);
        using (var reader = new TracePipeReader(instance.Path))
        {
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            stop.CancelAfter(request.Duration);
            onStatus(string.Create(
                CultureInfo.InvariantCulture,
                $"tracing failed connect/bind (EADDRNOTAVAIL, EAGAIN, EADDRINUSE) {(request.Pids.Count == 0 ? "of every process" : "of PID " + string.Join(", ", request.Pids))}{(request.Namespace is { } ns ? " in network namespace " + ns.Label : "")} for {request.Duration.TotalSeconds:0.###} s (Ctrl+C ends early)"));
            reader.ReadUntil(stop.Token, sink.Add);
            instance.Stop();
            reader.Drain(sink.Add);
        }

        return new TraceSummary
        {
            Source = "tracefs",
            Started = started,
            Ended = time.GetUtcNow(),
            PidFilter = request.Pids,
            Namespace = request.Namespace?.Label,
            UnplacedFailures = sink.Unplaced,
            Processes = sink.Tally.Processes(),
            LostEvents = Math.Max(sink.LostLines, instance.LostEvents()),
            OtherFailures = sink.Pairing.OtherFailures,
            NonIpFailures = sink.Pairing.NonIpFailures,
        };
    }

    /// <summary>The threads of the processes asked for (set_event_pid filters threads); a PID that does not exist is bad input.</summary>
    private static List<int> ThreadsOf(IReadOnlyList<int> pids)
    {
        var threads = new List<int>();
        foreach (var pid in pids)
        {
            var tasks = $"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/task";
            try
            {
                threads.AddRange(Directory.EnumerateDirectories(tasks)
                    .Select(d => int.TryParse(Path.GetFileName(d), NumberStyles.None, CultureInfo.InvariantCulture, out var tid) ? tid : -1)
                    .Where(tid => tid > 0));
            }
            catch (DirectoryNotFoundException)
            {
                throw new PortDoctorException($"--pid {pid.ToString(CultureInfo.InvariantCulture)}: no such process", ExitCode.BadInput);
            }
        }

        return threads;
    }

    private static string? ProcessName(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/comm").TrimEnd('\n');
        }
        catch (IOException)
        {
            return null;
        }
    }
}
