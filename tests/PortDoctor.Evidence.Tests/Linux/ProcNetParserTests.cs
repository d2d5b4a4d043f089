using PortDoctor.Core;
using PortDoctor.Core.Model;
using PortDoctor.Evidence.Linux;
using Xunit;

namespace PortDoctor.Evidence.Tests.Linux;

public class ProcNetParserTests
{
    private static List<SocketEntry> ParseFixture(string name, TransportProtocol protocol, IpFamily family, List<ProcNetLineError>? errors = null)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "ProcNet", name);
        using var reader = new StreamReader(path);
        return [.. ProcNetParser.Parse(reader, protocol, family, name, errors is null ? null : errors.Add)];
    }

    [Fact]
    public void Tcp_rows_are_read_with_states_endpoints_uid_and_inode()
    {
        var rows = ParseFixture("tcp", TransportProtocol.Tcp, IpFamily.IPv4);
        Assert.Equal(5, rows.Count);

        Assert.Equal(SocketState.Listen, rows[0].State);
        Assert.Equal(new Endpoint("0.0.0.0", 2024), rows[0].Local);
        Assert.Equal(623, rows[0].Inode);

        Assert.Equal(SocketState.Established, rows[1].State);
        Assert.Equal(new Endpoint("127.0.0.1", 0xA1B2), rows[1].Local);
        Assert.Equal(new Endpoint("127.0.0.1", 2024), rows[1].Remote);
        Assert.Equal(1000, rows[1].Uid);
        Assert.Equal(45678, rows[1].Inode);

        Assert.Equal(SocketState.TimeWait, rows[2].State);
        Assert.Equal(0, rows[2].Inode);

        // CLOSE with a local port: bound, never listened or connected.
        Assert.Equal(SocketState.Bound, rows[3].State);
        Assert.Equal(new Endpoint("10.0.0.2", 40000), rows[3].Local);

        Assert.Equal(SocketState.SynSent, rows[4].State);
        Assert.Equal(new Endpoint("10.0.0.10", 80), rows[4].Remote);
        Assert.All(rows, r => Assert.Null(r.Pid));
    }

    [Fact]
    public void Tcp6_rows_decode_loopback_mapped_and_link_local_addresses()
    {
        var rows = ParseFixture("tcp6", TransportProtocol.Tcp, IpFamily.IPv6);
        Assert.Equal(3, rows.Count);
        Assert.Equal(new Endpoint("::1", 8080), rows[0].Local);
        Assert.Equal(SocketState.Listen, rows[0].State);
        Assert.Equal(new Endpoint("::ffff:127.0.0.1", 0x87E6), rows[1].Local);
        Assert.Equal(SocketState.TimeWait, rows[1].State);
        Assert.Equal(new Endpoint("fe80::b05a:bff:e2a8:c7fe", 22), rows[2].Local);
        Assert.Equal(new Endpoint("fe80::b05a:bff:e2a4:35bc", 0xD2F0), rows[2].Remote);
        Assert.Equal(SocketState.CloseWait, rows[2].State);
        Assert.All(rows, r => Assert.Equal(IpFamily.IPv6, r.Family));
    }

    [Fact]
    public void Udp_close_is_unconnected_and_established_is_connected()
    {
        var rows = ParseFixture("udp", TransportProtocol.Udp, IpFamily.IPv4);
        Assert.Equal(2, rows.Count);
        Assert.Equal(SocketState.Unconnected, rows[0].State);
        Assert.Equal(new Endpoint("127.0.0.53", 53), rows[0].Local);
        Assert.Equal(SocketState.Established, rows[1].State);
        Assert.Equal(TransportProtocol.Udp, rows[1].Protocol);
    }

    [Theory]
    [InlineData("tcp-empty")]
    [InlineData("tcp-zero-bytes")]
    public void Empty_tables_give_no_rows(string name) =>
        Assert.Empty(ParseFixture(name, TransportProtocol.Tcp, IpFamily.IPv4));

    [Fact]
    public void Odd_lines_are_reported_with_their_line_numbers_and_good_lines_still_read()
    {
        var errors = new List<ProcNetLineError>();
        var rows = ParseFixture("tcp-odd", TransportProtocol.Tcp, IpFamily.IPv4, errors);
        Assert.Equal([2024, 2025], rows.Select(r => r.Local.Port));
        Assert.Equal([3, 4], errors.Select(e => e.Line));
        Assert.StartsWith("tcp-odd:3: ", errors[0].ToString(), StringComparison.Ordinal);
        Assert.Contains("0100007F:ZZZZ", errors[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_callback_the_first_bad_line_stops_with_file_and_line()
    {
        var ex = Assert.Throws<PortDoctorException>(() => ParseFixture("tcp-odd", TransportProtocol.Tcp, IpFamily.IPv4));
        Assert.Equal(ExitCode.BadInput, ex.Code);
        Assert.StartsWith("tcp-odd:3: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_IPv4_table_read_as_IPv6_is_rejected_not_misread()
    {
        var errors = new List<ProcNetLineError>();
        var rows = ParseFixture("tcp", TransportProtocol.Tcp, IpFamily.IPv6, errors);
        Assert.Empty(rows);
        Assert.Equal(5, errors.Count);
    }
}
