using PortDoctor.Core.Connections;
using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Core.Tests.Connections;

public class SocketGroupingTests
{
    private static SocketEntry Socket(SocketState state, int? pid, string? name, string remote = "10.0.0.7", int remotePort = 443) =>
        new(TransportProtocol.Tcp, IpFamily.IPv4, state, new Endpoint("10.0.0.5", 40000), new Endpoint(remote, remotePort)) { Pid = pid, ProcessName = name };

    [Fact]
    public void Groups_are_counted_and_sorted_largest_first_with_unknown_as_null()
    {
        SocketEntry[] sockets =
        [
            Socket(SocketState.TimeWait, null, null),
            Socket(SocketState.Established, 1, "a"),
            Socket(SocketState.TimeWait, null, null),
            Socket(SocketState.Established, 1, "a"),
            Socket(SocketState.Established, 1, "a"),
            Socket(SocketState.CloseWait, 2, "b"),
        ];
        var groups = SocketGrouping.Group(sockets, [GroupKey.State, GroupKey.Pid]);
        Assert.Equal(3, groups.Count);
        Assert.Equal(["ESTABLISHED", "1"], groups[0].Values);
        Assert.Equal(3, groups[0].Count);
        Assert.Equal(["TIME_WAIT", null], groups[1].Values);
        Assert.Equal(2, groups[1].Count);
        Assert.Equal(1, groups[2].Count);
    }

    [Fact]
    public void Unknown_and_empty_process_names_stay_apart()
    {
        var groups = SocketGrouping.Group([Socket(SocketState.Listen, null, null), Socket(SocketState.Listen, 3, "")], [GroupKey.Process]);
        Assert.Equal(2, groups.Count);
        Assert.Contains(groups, g => g.Values[0] is null);
        Assert.Contains(groups, g => g.Values[0] == "");
    }

    [Fact]
    public void Remote_keys_give_endpoint_and_address()
    {
        var socket = Socket(SocketState.Established, 1, "a", "::1", 8080);
        Assert.Equal("[::1]:8080", SocketGrouping.ValueOf(socket, GroupKey.Remote));
        Assert.Equal("::1", SocketGrouping.ValueOf(socket, GroupKey.RemoteIp));
        Assert.Equal("10.0.0.5", SocketGrouping.ValueOf(socket, GroupKey.LocalIp));
    }

    [Fact]
    public void No_sockets_no_groups() => Assert.Empty(SocketGrouping.Group([], [GroupKey.State]));
}
