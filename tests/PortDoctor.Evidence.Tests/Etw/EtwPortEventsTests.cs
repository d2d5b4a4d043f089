using System.Net;
using PortDoctor.Core;
using PortDoctor.Core.Tracing;
using PortDoctor.Evidence.Etw;
using Xunit;
using static PortDoctor.Evidence.Tests.Etw.EtwFixtures;

namespace PortDoctor.Evidence.Tests.Etw;

/// <summary>
/// Payloads constructed byte by byte from the providers' manifests (not captured: CI has no
/// Windows; docs/windows.md lists the check on a real capture).
/// </summary>
public sealed class EtwPortEventsTests
{
    // Builders in EtwFixtures.
    private const ulong Endpoint = 0xFFFF_A001_2345_6780;

    [Fact]
    public void Afd_create_open_gives_the_endpoint_and_its_process()
    {
        var created = EtwPortEvents.AfdCreateOpen(CreateOpen(Endpoint, pid: 4242), pointerSize: 8);

        Assert.Equal(new AfdEndpointCreated(Endpoint, 4242, 2, 0), created);
    }

    [Fact]
    public void Afd_bind_with_address_gives_status_and_the_sockaddr_with_a_big_endian_port()
    {
        var bind = EtwPortEvents.AfdBind(1030, Bind(Endpoint, EtwPortEvents.StatusTooManyAddresses, SockaddrIn(10, 0, 0, 5, 0)), pointerSize: 8);

        Assert.Equal((Endpoint, 0xC0000209u), (bind.Endpoint, bind.Status));
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 0), bind.Address);
    }

    [Fact]
    public void Afd_bind_of_a_32_bit_capture_has_4_byte_pointers()
    {
        var payload = new Payload().U32(1).U32(7).U32(0x8000_1000).U32(0x8000_2000).U32(EtwPortEvents.StatusTooManyAddresses).Bytes();

        var bind = EtwPortEvents.AfdBind(1029, payload, pointerSize: 4);

        Assert.Equal((0x8000_2000ul, (IPEndPoint?)null), (bind.Endpoint, bind.Address));
    }

    [Fact]
    public void Failed_binds_are_joined_to_the_creating_process_and_others_ignored()
    {
        var join = new AfdBindAttribution();
        join.Created(EtwPortEvents.AfdCreateOpen(CreateOpen(Endpoint, pid: 4242), 8));
        var at = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

        var failed = join.Bound(EtwPortEvents.AfdBind(1030, Bind(Endpoint, EtwPortEvents.StatusTooManyAddresses, SockaddrIn(0, 0, 0, 0, 0)), 8), at);
        var fine = join.Bound(EtwPortEvents.AfdBind(1029, Bind(Endpoint, 0), 8), at);
        var stranger = join.Bound(EtwPortEvents.AfdBind(1029, Bind(0x1234, EtwPortEvents.StatusTooManyAddresses), 8), at);

        Assert.Equal((4242, AllocationSyscall.Bind, "STATUS_TOO_MANY_ADDRESSES", "IPv4"), (failed!.Pid, failed.Call, failed.Errno, failed.Family));
        Assert.Null(fine);
        Assert.Equal(0, stranger!.Pid);
        Assert.Equal(1, join.Unattributed);
    }

    [Fact]
    public void Tcpip_connect_failure_gives_the_four_tuple_status_and_pid_for_ipv6_too()
    {
        var remote = SockaddrIn6(IPAddress.Parse("2001:db8::7"), 443);
        var payload = new Payload().Blob(SockaddrIn(10, 0, 0, 5, 0)).Blob(remote).U32(EtwPortEvents.StatusTooManyAddresses).U32(4242).U32(1).U64(0xFFFF_0000_0000_1000).Bytes();

        var failed = EtwPortEvents.TcpipConnectFailure(payload);

        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8::7"), 443), failed.Remote);
        Assert.Equal((EtwPortEvents.StatusTooManyAddresses, 4242u), (failed.Status, failed.ProcessId));
    }

    [Fact]
    public void A_cut_payload_is_bad_input_naming_the_event_and_field()
    {
        var payload = CreateOpen(Endpoint, 4242)[..30];

        var error = Assert.Throws<PortDoctorException>(() => EtwPortEvents.AfdCreateOpen(payload, 8));

        Assert.Equal("AFD event 1000: payload of 30 bytes ends before SocketType (offset 28, 4 bytes)", error.Message);
    }
}
