using PortDoctor.Core;
using PortDoctor.Evidence.Linux;
using Xunit;

namespace PortDoctor.Evidence.Tests.Linux;

public class ProcNetStatCountersTests
{
    [Fact]
    public void Parses_name_and_value_line_pairs()
    {
        const string Text = "TcpExt: SyncookiesSent TW TCPTimeWaitOverflow\nTcpExt: 0 120 7\nIpExt: InNoRoutes\nIpExt: 3\n";

        var counters = ProcNetStatCounters.Parse(Text, "/proc/net/netstat");

        Assert.Equal(7, counters["TcpExt.TCPTimeWaitOverflow"]);
        Assert.Equal(120, counters["TcpExt.TW"]);
        Assert.Equal(3, counters["IpExt.InNoRoutes"]);
    }

    [Fact]
    public void A_value_line_of_another_length_names_file_and_line()
    {
        var ex = Assert.Throws<PortDoctorException>(() => ProcNetStatCounters.Parse("TcpExt: A B\nTcpExt: 1\n", "netstat.txt"));

        Assert.StartsWith("netstat.txt:1: ", ex.Message, StringComparison.Ordinal);
        Assert.Equal(ExitCode.BadInput, ex.Code);
    }
}
