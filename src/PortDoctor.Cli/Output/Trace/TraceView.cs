using System.Globalization;
using PortDoctor.Cli.Output.Json;
using PortDoctor.Core.Tracing;

namespace PortDoctor.Cli.Output.Trace;

/// <summary>A trace summary as rows (one per process and kind of failure) and as its JSON document.</summary>
internal static class TraceView
{
    private static readonly OutputColumn<TraceRow>[] Columns =
    [
        new("PID", r => Number(r.Pid)) { AlignRight = true },
        new("Command", r => r.Command),
        new("Call", r => r.Call),
        new("Errno", r => r.Errno),
        new("Family", r => r.Family),
        new("Count", r => Number(r.Count)) { AlignRight = true },
        new("First", r => Time(r.First)),
        new("Last", r => Time(r.Last)),
    ];

    public static TraceJson ToJson(TraceSummary summary) => new(
        summary.Source,
        summary.Started,
        summary.Ended,
        Math.Round((summary.Ended - summary.Started).TotalSeconds, 3),
        summary.PidFilter,
        summary.TotalFailures,
        summary.LostEvents,
        summary.OtherFailures,
        summary.NonIpFailures,
        [.. summary.Processes.Select(p => new TraceProcessJson(
            p.Pid,
            p.Command,
            p.Total,
            p.First,
            p.Last,
            [.. p.Counts.Select(c => new TraceCountJson(CallName(c.Call), c.Errno, c.Family, c.Count))]))],
        summary.Namespace,
        summary.UnplacedFailures);

    public static TraceSummary FromJson(TraceJson json) => new()
    {
        Source = json.Source,
        Started = json.Started,
        Ended = json.Ended,
        PidFilter = json.PidFilter,
        LostEvents = json.LostEvents,
        OtherFailures = json.OtherFailures,
        NonIpFailures = json.NonIpFailures,
        Namespace = json.Netns,
        UnplacedFailures = json.UnplacedFailures,
        Processes = [.. json.Processes.Select(p => new ProcessFailures(
            p.Pid,
            p.Command,
            [.. p.Failures.Select(c => new FailureCount(c.Call == "bind" ? AllocationSyscall.Bind : AllocationSyscall.Connect, c.Errno, c.Family, c.Count))],
            p.First,
            p.Last))],
    };

    public static OutputDocument<TraceRow> Document(TraceSummary summary)
    {
        var rows = summary.Processes
            .SelectMany(p => p.Counts.Select(c => new TraceRow(p.Pid, p.Command, CallName(c.Call), c.Errno, c.Family ?? "unknown", c.Count, p.First, p.Last)))
            .ToList();
        var seconds = (summary.Ended - summary.Started).TotalSeconds;
        var caption = summary.TotalFailures == 0
            ? string.Create(CultureInfo.InvariantCulture, $"no connect or bind failed for want of a port in {seconds:0.#} s")
            : string.Create(CultureInfo.InvariantCulture, $"{summary.TotalFailures:N0} failed port allocations in {summary.Processes.Count} process(es) over {seconds:0.#} s");
        return new OutputDocument<TraceRow>(Columns, rows, ToJson(summary), CliJsonContext.Readable.TraceJson)
        {
            Title = (IsEtw(summary) ? "Failed port allocations (AFD bind, TCPIP connect: STATUS_TOO_MANY_ADDRESSES)" : "Failed port allocations (connect EADDRNOTAVAIL/EAGAIN, bind EADDRINUSE)")
                + (summary.Namespace is { } ns ? $" in network namespace {ns}" : ""),
            Caption = caption,
        };
    }

    /// <summary>What the numbers cannot say, for stderr.</summary>
    public static IEnumerable<string> Notes(TraceSummary summary)
    {
        if (summary.TotalFailures > 0 && !IsEtw(summary))
        {
            yield return "destinations are unknown: a syscall tracepoint holds only the sockaddr's address in the process, and the kernel clears a failed socket's addresses";
        }

        if (summary.LostEvents > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"the kernel's trace buffer dropped {summary.LostEvents:N0} events: the counts are lower bounds");
        }

        if (summary.UnplacedFailures > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{summary.UnplacedFailures:N0} failures came from threads that exited before their network namespace could be read: not counted above, and not ruled out");
        }

        if (summary.NonIpFailures > 0)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"{summary.NonIpFailures:N0} EADDRINUSE/EAGAIN on non-IP (unix) sockets left out");
        }
    }

    /// <summary>A Windows trace (live ETW session or ETL): NTSTATUS names, and the syscall notes do not apply.</summary>
    private static bool IsEtw(TraceSummary summary) => summary.Source.StartsWith("ETW ", StringComparison.Ordinal) || summary.Source.StartsWith("ETL ", StringComparison.Ordinal);

    public static string CallName(AllocationSyscall call) => call == AllocationSyscall.Connect ? "connect" : "bind";

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
}
