using PortDoctor.Core.Tracing;
using PortDoctor.Evidence.Etw;
using Xunit;
using static PortDoctor.Evidence.Tests.Etw.EtwFixtures;

namespace PortDoctor.Evidence.Tests.Etw;

/// <summary>The per-process aggregation the Windows tracer feeds event by event, from constructed payloads.</summary>
public sealed class EtwPortFailuresTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Afd_binds_and_tcpip_connects_that_ran_out_of_ports_are_counted_per_process()
    {
        var failures = new EtwPortFailures([], pid => pid == 4242 ? "client" : null);

        failures.Add(Afd(1000, pid: 4), CreateOpen(0xA0, pid: 4242));
        failures.Add(Afd(1030, pid: 4), Bind(0xA0, EtwPortEvents.StatusTooManyAddresses, SockaddrIn(0, 0, 0, 0, 0)));
        failures.Add(Afd(1030, pid: 4), Bind(0xA0, EtwPortEvents.StatusTooManyAddresses, SockaddrIn(0, 0, 0, 0, 0)));
        failures.Add(Afd(1029, pid: 4), Bind(0xA0, 0));
        failures.Add(Tcpip(1050), Connect(EtwPortEvents.StatusTooManyAddresses, pid: 4242));
        failures.Add(Tcpip(1050), Connect(EtwPortEvents.StatusAddressAlreadyExists, pid: 77));
        failures.Add(Tcpip(1050), Connect(0xC0000236, pid: 77)); // STATUS_CONNECTION_REFUSED: not about ports
        failures.Add(Tcpip(1002), Connect(EtwPortEvents.StatusTooManyAddresses, pid: 99)); // another TCPIP event

        var processes = failures.Processes();

        Assert.Equal(
            ["4242 client: Bind STATUS_TOO_MANY_ADDRESSES IPv4 2, Connect STATUS_TOO_MANY_ADDRESSES IPv4 1", "77 : Connect STATUS_ADDRESS_ALREADY_EXISTS IPv4 1"],
            processes.Select(p => $"{p.Pid} {p.Command}: " + string.Join(", ", p.Counts.Select(c => $"{c.Call} {c.Errno} {c.Family} {c.Count}"))));
        Assert.Equal((At, At), (processes[0].First, processes[0].Last));
        Assert.Equal((1, 0, 0), (failures.OtherFailures, failures.Malformed, failures.Unattributed));
    }

    [Fact]
    public void A_bind_on_an_endpoint_created_before_the_trace_takes_the_callers_pid_unless_it_is_system()
    {
        var failures = new EtwPortFailures([], _ => "x");

        failures.Add(Afd(1029, pid: 3100), Bind(0xB0, EtwPortEvents.StatusTooManyAddresses));
        failures.Add(Afd(1029, pid: 4), Bind(0xC0, EtwPortEvents.StatusTooManyAddresses));

        Assert.Equal([(0, 1L), (3100, 1L)], failures.Processes().Select(p => (p.Pid, p.Total)).Order());
        Assert.Equal(1, failures.Unattributed);
    }

    [Fact]
    public void The_pid_filter_keeps_only_those_processes_and_a_cut_payload_is_counted_not_thrown()
    {
        var failures = new EtwPortFailures([77], _ => "x");

        failures.Add(Tcpip(1050), Connect(EtwPortEvents.StatusTooManyAddresses, pid: 4242));
        failures.Add(Tcpip(1050), Connect(EtwPortEvents.StatusTooManyAddresses, pid: 77));
        failures.Add(Afd(1000, pid: 77), CreateOpen(0xA0, 77)[..20]);
        failures.Add(new EtwEventHeader(Guid.NewGuid(), 1050, 0, 77, 1, At, 8, 0, 0, 0), Connect(EtwPortEvents.StatusTooManyAddresses, pid: 77));

        Assert.Equal([(77, 1L)], failures.Processes().Select(p => (p.Pid, p.Total)));
        Assert.Equal(1, failures.Malformed);
    }

    private static EtwEventHeader Afd(int id, uint pid) => new(EtwPortEvents.AfdProvider, id, 0, pid, 10, At, 8, 0, 0, 0);

    private static EtwEventHeader Tcpip(int id) => new(EtwPortEvents.TcpipProvider, id, 0, 4, 10, At, 8, 0, 0, 0);

    private static byte[] Connect(uint status, uint pid) =>
        new Payload().Blob(SockaddrIn(10, 0, 0, 5, 0)).Blob(SockaddrIn(10, 0, 0, 9, 443)).U32(status).U32(pid).U32(1).U64(0xFFFF_0000_0000_1000).Bytes();
}
