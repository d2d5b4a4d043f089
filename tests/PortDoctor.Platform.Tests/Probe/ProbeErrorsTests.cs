using System.Net;
using System.Net.Sockets;
using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Probe;
using Xunit;

namespace PortDoctor.Platform.Tests.Probe;

public class ProbeErrorsTests
{
    [Theory]
    [InlineData(99, OsKind.Linux, ProbeOutcome.AddressUnavailable, "EADDRNOTAVAIL")]
    [InlineData(98, OsKind.Linux, ProbeOutcome.AddressUnavailable, "EADDRINUSE")]
    [InlineData(111, OsKind.Linux, ProbeOutcome.Refused, "ECONNREFUSED")]
    [InlineData(110, OsKind.Linux, ProbeOutcome.TimedOut, "ETIMEDOUT")]
    [InlineData(113, OsKind.Linux, ProbeOutcome.Unreachable, "EHOSTUNREACH")]
    [InlineData(105, OsKind.Linux, ProbeOutcome.OtherError, "errno 105")]
    [InlineData(10055, OsKind.Windows, ProbeOutcome.AddressUnavailable, "WSAENOBUFS")]
    [InlineData(10048, OsKind.Windows, ProbeOutcome.AddressUnavailable, "WSAEADDRINUSE")]
    [InlineData(10049, OsKind.Windows, ProbeOutcome.AddressUnavailable, "WSAEADDRNOTAVAIL")]
    [InlineData(10061, OsKind.Windows, ProbeOutcome.Refused, "WSAECONNREFUSED")]
    [InlineData(10060, OsKind.Windows, ProbeOutcome.TimedOut, "WSAETIMEDOUT")]
    [InlineData(10065, OsKind.Windows, ProbeOutcome.Unreachable, "WSAEHOSTUNREACH")]
    public void Native_errors_are_read_as_the_guide_reads_them(int native, OsKind os, ProbeOutcome outcome, string name)
    {
        Assert.Equal((outcome, name), ProbeErrors.Classify(native, os));
    }

    [Fact]
    public void Dotnet_socket_errors_map_to_each_os_native_numbers()
    {
        Assert.Equal(99, ProbeErrors.ToNative(SocketError.AddressNotAvailable, OsKind.Linux));
        Assert.Equal(98, ProbeErrors.ToNative(SocketError.AddressAlreadyInUse, OsKind.Linux));
        Assert.Equal(10048, ProbeErrors.ToNative(SocketError.AddressAlreadyInUse, OsKind.Windows));
        Assert.Equal(10055, ProbeErrors.ToNative(SocketError.NoBufferSpaceAvailable, OsKind.Windows));
    }

    [Theory]
    [InlineData("dc01.example.com:389", "dc01.example.com", 389)]
    [InlineData("10.0.0.1:445", "10.0.0.1", 445)]
    [InlineData("[fe80::1]:445", "fe80::1", 445)]
    public void Targets_parse_host_and_port(string text, string host, int port)
    {
        Assert.Equal(new ProbeTarget(host, port), ProbeTarget.Parse(text));
    }

    [Theory]
    [InlineData("dc01")]
    [InlineData(":445")]
    [InlineData("dc01:0")]
    [InlineData("dc01:70000")]
    public void Bad_targets_are_usage_errors_naming_the_option(string text)
    {
        var ex = Assert.Throws<PortDoctorException>(() => ProbeTarget.Parse(text));

        Assert.Equal(ExitCode.Usage, ex.Code);
        Assert.StartsWith($"--target '{text}'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void On_a_healthy_machine_bind_and_loopback_connect_succeed_and_a_closed_port_is_refused()
    {
        int closedPort;
        using (var reserve = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp))
        {
            reserve.Bind(new IPEndPoint(IPAddress.Loopback, 0));
            closedPort = ((IPEndPoint)reserve.LocalEndPoint!).Port;
        }

        var results = new OutboundProbe(OsKind.Linux, TimeSpan.FromSeconds(2))
            .Run([new ProbeTarget("127.0.0.1", closedPort)], TestContext.Current.CancellationToken);

        Assert.Equal(ProbeOutcome.Succeeded, results[0].Outcome);
        Assert.Equal(OutboundProbe.BindTarget, results[0].Target);
        Assert.Equal(ProbeOutcome.Succeeded, results[1].Outcome);
        Assert.Equal((ProbeOutcome.Refused, 111, "ECONNREFUSED"), (results[2].Outcome, results[2].NativeError, results[2].ErrorName));
    }
}
