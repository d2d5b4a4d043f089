using PortDoctor.Core.Tracing;
using Xunit;

namespace PortDoctor.Core.Tests.Tracing;

public sealed class AllocationFailurePairingTests
{
    private static readonly DateTimeOffset Anchor = new(2026, 12, 2, 4, 0, 0, TimeSpan.Zero);

    private static (List<AllocationFailure> Failures, AllocationFailurePairing Pairing) Run()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "tracing", "trace_pipe_exhaustion.txt"));
        var pairing = new AllocationFailurePairing(new TraceClock(11034.0, Anchor));
        var failures = lines.Select(TracePipeLine.Parse).OfType<TraceRecord>().Select(pairing.Add).OfType<AllocationFailure>().ToList();
        return (failures, pairing);
    }

    [Fact]
    public void Each_port_errno_becomes_one_failure_paired_with_its_threads_enter()
    {
        var (failures, _) = Run();

        Assert.Equal(
            [
                (1626, AllocationSyscall.Bind, "EADDRINUSE", 4L, "IPv4"),
                (1626, AllocationSyscall.Connect, "EADDRNOTAVAIL", 5L, "IPv6"),
                (1690, AllocationSyscall.Connect, "EADDRNOTAVAIL", 9L, "IPv4"),
                (1690, AllocationSyscall.Connect, "EAGAIN", 10L, "IPv6"),
                (1690, AllocationSyscall.Connect, "EADDRNOTAVAIL", -1L, (string?)null),
                (1702, AllocationSyscall.Bind, "EADDRINUSE", -1L, (string?)null),
                (1703, AllocationSyscall.Bind, "EADDRINUSE", 3L, "IPv4"),
            ],
            failures.Select(f => (f.Pid, f.Call, f.Errno, f.Fd, f.Family)).ToList());
    }

    [Fact]
    public void Time_is_the_trace_clock_mapped_to_wall_time()
    {
        var (failures, _) = Run();

        Assert.Equal(Anchor + TimeSpan.FromSeconds(0.749925), failures[0].At, TimeSpan.FromMilliseconds(1));
    }

    [Fact]
    public void Unix_socket_eagain_is_left_out_and_counted_apart()
    {
        var (failures, pairing) = Run();

        Assert.DoesNotContain(failures, f => f.Pid == 32695);
        Assert.Equal(1, pairing.NonIpFailures);
        Assert.Equal(0, pairing.OtherFailures);
    }

    [Fact]
    public void Other_errnos_are_not_port_failures()
    {
        var pairing = new AllocationFailurePairing(new TraceClock(0, Anchor));
        pairing.Add(new TraceRecord("curl", 7, 7, 1, TraceEventKind.ConnectEnter, 3, 16));

        Assert.Null(pairing.Add(new TraceRecord("curl", 7, 7, 1.1, TraceEventKind.ConnectExit, Return: -111)));
        Assert.Null(pairing.Add(new TraceRecord("curl", 7, 7, 1.2, TraceEventKind.BindExit, Return: -99)));
        Assert.Equal(2, pairing.OtherFailures);
    }

    [Fact]
    public void Tally_orders_processes_by_failures_and_kinds_by_count_with_first_and_last()
    {
        var (failures, _) = Run();
        var tally = new FailureTally(pid => pid == 1690 ? "java" : null);
        failures.ForEach(tally.Add);

        var processes = tally.Processes();

        Assert.Equal([(1690, "java", 3L), (1626, "python3", 2L), (1702, "<...>", 1L), (1703, "app", 1L)], processes.Select(p => (p.Pid, p.Command, p.Total)).ToList());
        Assert.Equal(new FailureCount(AllocationSyscall.Connect, "EADDRNOTAVAIL", null, 1), processes[0].Counts[0]);
        Assert.Equal(failures[2].At, processes[0].First);
        Assert.Equal(failures[4].At, processes[0].Last);
        Assert.Equal(7, tally.Total);
    }
}
