using PortDoctor.Core.Model;
using PortDoctor.Platform.Windows;
using Xunit;

namespace PortDoctor.Platform.Tests.Windows;

public class CimAndEventQueryTests
{
    [Fact]
    public void Reads_bound_sockets_and_auto_reuse_ranges_from_the_script_output()
    {
        const string output =
            "BOUND 0.0.0.0 50123 4321\r\n" +
            "BOUND :: 50124 0\r\n" +
            "WARNING: something PowerShell said\r\n" +
            "REUSE Internet 40000 1024\r\n" +
            "BOUND 10.0.0.1 notaport 12\r\n";

        var answer = CimSocketQuery.Parse(output);

        Assert.Equal(2, answer.Bound.Count);
        Assert.Equal(
            new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.Bound, new("0.0.0.0", 50123), Endpoint.AnyV4) { Pid = 4321 },
            answer.Bound[0]);
        Assert.Equal(IpFamily.IPv6, answer.Bound[1].Family);
        Assert.Null(answer.Bound[1].Pid);
        Assert.Equal(new PortRange(40000, 1024), Assert.Single(answer.AutoReuse).Value);
    }

    [Fact]
    public void The_script_runs_without_a_profile_and_asks_for_bound_state_only()
    {
        Assert.Equal("-NoProfile", CimSocketQuery.Arguments[0]);
        Assert.Equal(CimSocketQuery.Script, CimSocketQuery.Arguments[^1]);
        Assert.Contains("Get-NetTCPConnection -State Bound", CimSocketQuery.Script, StringComparison.Ordinal);
    }

    [Fact]
    public void Event_query_selects_tcpip_4227_and_4231_in_the_window() =>
        Assert.Equal(
            "*[System[Provider[@Name='Tcpip'] and (EventID=4227 or EventID=4231) and TimeCreated[timediff(@SystemTime) <= 5400000]]]",
            TcpipEventQuery.Build(TimeSpan.FromMinutes(90)));
}
