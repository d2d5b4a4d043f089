using PortDoctor.Core.Model;
using Xunit;

namespace PortDoctor.Evidence.Tests.Parsing;

public sealed class PowerShellTests
{
    [Fact]
    public void Default_table_in_utf16_reads_columns_from_the_dashes()
    {
        var evidence = Fixture.Read("PowerShell/get-nettcpconnection.table.txt");
        var snapshot = evidence.Latest;

        Assert.Equal("powershell-table", evidence.Sources[0].Format);
        Assert.Equal("UTF-16LE with BOM", evidence.Sources[0].Encoding);
        Assert.Equal(8, snapshot.Sockets.Count);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        var byState = Fixture.ByState(snapshot);
        Assert.Equal(2, byState[SocketState.Listen]);
        Assert.Equal(2, byState[SocketState.Bound]);
        Assert.Equal(2, byState[SocketState.Established]);
        Assert.Equal(1, byState[SocketState.TimeWait]);
        Assert.Equal(1, byState[SocketState.CloseWait]);
        Assert.Equal(new Dictionary<int, int> { [784] = 1, [4321] = 3, [7788] = 2, [1060] = 1 }, Fixture.ByPid(snapshot));
        var v6 = snapshot.Sockets.Single(s => s.Local.Port == 50123);
        Assert.Equal(IpFamily.IPv6, v6.Family);
        Assert.Equal(new Endpoint("::1", 50124), v6.Remote);
        Assert.Equal(new Endpoint("0.0.0.0", 135), snapshot.Sockets[^1].Local);
    }

    [Theory]
    [InlineData("PowerShell/get-nettcpconnection.list.txt", "powershell-list")]
    [InlineData("PowerShell/get-nettcpconnection.csv", "powershell-csv")]
    [InlineData("PowerShell/get-nettcpconnection.json", "powershell-json")]
    public void List_csv_and_json_give_the_same_four_connections(string file, string format)
    {
        var evidence = Fixture.Read(file);
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(format, evidence.Sources[0].Format);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.DoesNotContain(evidence.Notes, n => n.Kind is NoteKind.NoOwningProcessColumn or NoteKind.NoOwningProcessProperty or NoteKind.NoOwningProcessValues);
        Assert.Equal(4, sockets.Count);
        Assert.Equal(new SocketEntry(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.Established, new("10.0.0.5", 49712), new("10.0.0.9", 443)) { Pid = 4321 }, sockets[0]);
        Assert.Equal(SocketState.TimeWait, sockets[1].State);
        Assert.Null(sockets[1].Pid);
        Assert.Equal(SocketState.Bound, sockets[2].State);
        Assert.Equal(7788, sockets[2].Pid);
        Assert.Equal(new Endpoint("fe80::1c2d:3e4f:5a6b:7c8d%12", 49800), sockets[3].Local);
        Assert.Equal(IpFamily.IPv6, sockets[3].Family);
    }

    [Fact]
    public void Truncated_json_keeps_the_complete_objects_and_counts_the_cut()
    {
        var evidence = Fixture.Read("PowerShell/get-nettcpconnection.truncated.json");

        Assert.Equal([49712, 49713], evidence.Latest.Sockets.Select(s => s.Local.Port));
        Assert.Equal(1, evidence.Sources[0].UnreadableCount);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.JsonDamaged);
    }

    [Fact]
    public void Group_object_output_gives_counts_per_state_and_pid_without_inventing_ports()
    {
        var evidence = Fixture.Read("PowerShell/group-object.txt");
        var snapshot = evidence.Latest;

        Assert.Equal("powershell-group", evidence.Sources[0].Format);
        Assert.Equal(812 + 45 + 12 + 3 + 2, Fixture.Total(snapshot));
        Assert.Equal(812, Fixture.ByState(snapshot)[SocketState.TimeWait]);
        Assert.Equal(new Dictionary<int, int> { [4321] = 47, [7788] = 12, [1060] = 3 }, Fixture.ByPid(snapshot));
        Assert.Empty(snapshot.Sockets);
        Assert.Equal("leaky", snapshot.Processes[7788].Name);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.GroupObjectCountsOnly);
    }

    [Fact]
    public void Group_object_by_state_alone_leaves_owners_unknown()
    {
        var snapshot = Fixture.Read("PowerShell/group-object.state-only.txt").Latest;

        Assert.Equal(860, Fixture.Total(snapshot));
        Assert.Equal(45, Fixture.ByState(snapshot)[SocketState.Established]);
        Assert.All(snapshot.CountedSockets, s => Assert.Null(s.Pid));
    }

    [Fact]
    public void Windows_powershell_51_default_table_has_no_owner_column_and_says_so()
    {
        var evidence = Fixture.Read("PowerShell/get-nettcpconnection.table-ps51.txt");
        var sockets = evidence.Latest.Sockets;

        Assert.Equal(3, sockets.Count);
        Assert.Equal(0, evidence.Sources[0].UnreadableCount);
        Assert.Equal([SocketState.Listen, SocketState.TimeWait, SocketState.Established], sockets.Select(s => s.State));
        Assert.Equal(new Endpoint("::", 49669), sockets[0].Local);
        Assert.Contains(evidence.Notes, n => n.Kind == NoteKind.NoOwningProcessColumn);
    }

    [Fact]
    public void An_absurd_group_count_is_a_damaged_row_not_two_billion_sockets()
    {
        var evidence = PortDoctor.Evidence.EvidenceReader.ReadText(
            "Count Name              ProcessName Group\n----- ----              ----------- -----\n2000000000 TimeWait, 0 Idle {x}\n   3 Listen, 1060 svchost {y}\n");

        Assert.Equal(3, Fixture.Total(evidence.Latest));
        Assert.Equal([3L], evidence.Sources[0].UnreadableLines);
    }
}
