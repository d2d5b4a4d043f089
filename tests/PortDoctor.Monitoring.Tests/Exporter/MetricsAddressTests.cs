using System.Net;
using PortDoctor.Core;
using PortDoctor.Monitoring.Exporter;
using Xunit;

namespace PortDoctor.Monitoring.Tests.Exporter;

public sealed class MetricsAddressTests
{
    [Theory]
    [InlineData("9464", "127.0.0.1:9464")]
    [InlineData("0.0.0.0:9464", "0.0.0.0:9464")]
    [InlineData("10.1.2.3:80", "10.1.2.3:80")]
    [InlineData("localhost:9464", "127.0.0.1:9464")]
    [InlineData("[::1]:9464", "[::1]:9464")]
    [InlineData(":9464", "[::]:9464")]
    public void An_address_and_port_are_read(string text, string expected) =>
        Assert.Equal(expected, MetricsListener.Display(MetricsAddress.Parse(text)));

    [Theory]
    [InlineData("http")]
    [InlineData("70000")]
    [InlineData("::1:9464")]
    [InlineData("example.org:9464")]
    public void Anything_else_is_a_usage_error_naming_the_option(string text)
    {
        var error = Assert.Throws<PortDoctorException>(() => MetricsAddress.Parse(text));

        Assert.Equal(ExitCode.Usage, error.Code);
        Assert.StartsWith($"--metrics '{text}':", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_port_in_use_is_one_line_with_exit_69()
    {
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var endPoint = (IPEndPoint)taken.LocalEndpoint;

        var error = Assert.Throws<PortDoctorException>(() => MetricsListener.Start(endPoint, (_, _) => Task.CompletedTask));

        Assert.Equal(ExitCode.Unavailable, error.Code);
        Assert.Equal($"--metrics 127.0.0.1:{endPoint.Port}: cannot listen: the port is in use", error.Message);
    }
}
