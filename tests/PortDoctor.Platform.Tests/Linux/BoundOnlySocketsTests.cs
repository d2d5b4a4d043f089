using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

/// <summary>
/// When a monitor sample may carry the bound-only sockets of the last bind-table walk instead of
/// walking it again: each way a bound-only socket can appear or go must send the sample to the walk.
/// Pure, over fake fd tables; the live collector is checked against the kernel in <see cref="BoundOnlyCarryTests"/>.
/// </summary>
public sealed class BoundOnlySocketsTests
{
    private const long Netns = 4026531840;
    private readonly FakeFdTables _tables = new();
    private readonly FdTableMemory _memory = new();
    private readonly BoundOnlySockets _bound = new();
    private readonly List<SocketEntry> _listedBefore = [];
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);

    private static SocketEntry Tcp(long inode, SocketState state, int port) =>
        new(TransportProtocol.Tcp, IpFamily.IPv4, state, new("127.0.0.1", port), state == SocketState.Bound ? Endpoint.AnyV4 : new("127.0.0.1", 80)) { Inode = inode };

    /// <summary>
    /// One collection: the fd tables refreshed, then (with <paramref name="walkBind"/> or when not
    /// allowed to skip) the bind table walked and learned from, else a carry attempted. Returns the carried
    /// sockets, or null when the sample walked the bind table.
    /// </summary>
    private IReadOnlyList<(SocketEntry Socket, int Pid, int Fd)>? Collect(List<SocketEntry> connected, List<SocketEntry> boundOnly, bool full = false, long netns = Netns)
    {
        _bound.Begin();
        var refresh = _memory.Refresh(_tables, full, TestContext.Current.CancellationToken);
        var listed = connected.Select(s => s.Inode!.Value).ToHashSet();
        var vanished = _listedBefore.Where(s => !connected.Contains(s) && !boundOnly.Contains(s)).ToList();
        IReadOnlyList<(SocketEntry, int, int)>? carried = null;
        if (_bound.MaySkipWalk(netns, fullRescanDue: full))
        {
            carried = _bound.TryCarry(_tables, _memory, refresh, listed, vanished);
        }

        List<SocketEntry> all = [.. connected];
        if (carried is null)
        {
            all.AddRange(boundOnly);
            listed.UnionWith(boundOnly.Select(s => s.Inode!.Value));
            _bound.Learn(netns, _tables, _memory, refresh, all, listed, vanished, TestContext.Current.CancellationToken);
        }
        else
        {
            all.AddRange(carried.Select(c => c.Item1));
            listed.UnionWith(carried.Select(c => c.Item1.Inode!.Value));
        }

        _memory.Resolve(_tables, refresh, listed, Now, TestContext.Current.CancellationToken);
        _listedBefore.Clear();
        _listedBefore.AddRange(all);
        return carried;
    }

    [Fact]
    public void Nothing_changed_carries_the_last_walks_bound_only_sockets_with_the_fd_that_holds_each()
    {
        var bound = Tcp(7, SocketState.Bound, 40000);
        var conn = Tcp(8, SocketState.Established, 40001);
        _tables.Add(100, 1, 7, 8);

        Assert.Null(Collect([conn], [bound])); // the first collection walks
        var carried = Collect([conn], [bound]);
        Assert.NotNull(carried);
        Assert.Equal([(bound, 100, FakeFdTables.FirstSocketFd)], carried);
        Assert.Equal(1, _bound.SamplesSinceWalk);
        Assert.NotNull(Collect([conn], [bound]));
        Assert.Equal(2, _bound.SamplesSinceWalk);
    }

    [Fact]
    public void A_new_tcp_socket_in_no_table_sends_the_sample_to_the_walk_but_a_unix_socket_does_not()
    {
        var process = _tables.Add(100, 1, 8);
        var conn = Tcp(8, SocketState.Established, 40001);
        Collect([conn], []);

        process.Sockets.Add(50);
        _tables.NotTcp.Add(50); // a unix socket: in no TCP table, never bound to a port
        Assert.NotNull(Collect([conn], []));
        Assert.NotNull(Collect([conn], []));
        Assert.Equal([50L], _tables.KindsRead); // its kind read once

        process.Sockets.Add(51); // a TCP socket, bound between the fd walk and the dump or not yet
        Assert.Null(Collect([conn], [Tcp(51, SocketState.Bound, 40002)]));
        Assert.Equal("a process holds a TCP socket that is in no table", _bound.LastReason);
        Assert.NotNull(Collect([conn], [Tcp(51, SocketState.Bound, 40002)])); // now carried
    }

    [Fact]
    public void An_unbound_tcp_socket_held_keeps_every_sample_walking_until_it_is_closed()
    {
        var process = _tables.Add(100, 1, 8, 60); // 60: socket() without bind, in no table
        var conn = Tcp(8, SocketState.Established, 40001);
        Collect([conn], []);
        Assert.False(_bound.MaySkipWalk(Netns, fullRescanDue: false));
        Assert.Equal("1 TCP socket in no table was held (may bind at any moment), one by pid 100", _bound.WalkReason);
        Assert.Null(Collect([conn], [])); // bind() on it later changes no fd count: it must be looked for every time
        Assert.Null(Collect([conn], [Tcp(60, SocketState.Bound, 40003)]));
        Assert.True(_bound.MaySkipWalk(Netns, fullRescanDue: false)); // bound, so seen by the walk and carried from now on
        Assert.NotNull(Collect([conn], [Tcp(60, SocketState.Bound, 40003)]));

        process.Sockets.Remove(60);
        Assert.Null(Collect([conn], []));
        Assert.Equal("a bound-only socket is no longer at its fd", _bound.LastReason);
        Assert.NotNull(Collect([conn], []));
    }

    [Fact]
    public void A_bound_only_socket_swapped_for_another_at_the_same_fd_count_is_caught_at_its_fd()
    {
        var process = _tables.Add(100, 1, 7);
        var bound = Tcp(7, SocketState.Bound, 40000);
        Collect([], [bound]);
        Assert.NotNull(Collect([], [bound]));

        process.Sockets[0] = 9; // closed, and a new socket at the same fd: the table's stamp is the same
        Assert.Null(Collect([], [Tcp(9, SocketState.Bound, 40009)]));
        Assert.Equal("a bound-only socket is no longer at its fd", _bound.LastReason);
        // That table was walked again at once: the closed socket is not taken as still held (which would walk every time).
        Assert.Equal([(Tcp(9, SocketState.Bound, 40009), 100, FakeFdTables.FirstSocketFd)], Collect([], [Tcp(9, SocketState.Bound, 40009)]));
    }

    [Fact]
    public void A_collection_that_never_carried_or_learned_makes_the_next_walk()
    {
        _tables.Add(100, 1, 7);
        Collect([], [Tcp(7, SocketState.Bound, 40000)]);
        Assert.True(_bound.MaySkipWalk(Netns, fullRescanDue: false));
        _bound.Begin(); // and failed after its fd walk: what it walked was never looked at
        _bound.Begin();
        Assert.False(_bound.MaySkipWalk(Netns, fullRescanDue: false));
    }

    [Fact]
    public void A_tcp_socket_in_no_table_held_by_a_process_of_another_namespace_is_that_namespaces()
    {
        var conn = Tcp(8, SocketState.Established, 40001);
        _tables.Add(100, 1, 8);
        var container = _tables.Add(200, 2, 70); // a container's process: its connection is in its own namespace's tables
        _tables.Netns[200] = Netns + 7;
        Collect([conn], []);
        Assert.NotNull(Collect([conn], []));

        container.Sockets.Add(71);
        Assert.NotNull(Collect([conn], []));
        _tables.Netns[200] = -1; // exited between the fd walk and the look at its sockets
        container.Sockets.Add(73);
        Assert.NotNull(Collect([conn], []));
        _tables.Netns[200] = Netns; // the same process, in this namespace (unknown counts as this one too)
        container.Sockets.Add(72);
        Assert.Null(Collect([conn], []));
    }

    [Fact]
    public void A_bound_only_socket_that_listens_or_connects_is_caught_in_the_tables()
    {
        _tables.Add(100, 1, 7);
        Collect([], [Tcp(7, SocketState.Bound, 40000)]);
        Assert.Null(Collect([Tcp(7, SocketState.Listen, 40000)], []));
        Assert.Equal("a bound-only socket is listening or connected now", _bound.LastReason);
    }

    [Fact]
    public void A_socket_that_left_the_tables_while_held_sends_the_sample_to_the_walk_one_closed_does_not()
    {
        var process = _tables.Add(100, 1, 8, 9);
        var kept = Tcp(8, SocketState.Established, 40001);
        var reset = Tcp(9, SocketState.Established, 40002);
        Collect([kept, reset], []);
        Assert.NotNull(Collect([kept, reset], []));

        // Reset by its peer, port kept (bound explicitly), its fd still open: no fd table changed.
        Assert.Null(Collect([kept], [Tcp(9, SocketState.Bound, 40002)]));
        Assert.Equal("a TCP socket left the tables while a process still holds it", _bound.LastReason);
        Assert.NotNull(Collect([kept], [Tcp(9, SocketState.Bound, 40002)]));

        var other = Tcp(10, SocketState.Established, 40004);
        process.Sockets.Add(10);
        Collect([kept, other], [Tcp(9, SocketState.Bound, 40002)]);
        process.Sockets.Remove(10); // closed by its process: it left the tables, and no one holds it
        Assert.NotNull(Collect([kept], [Tcp(9, SocketState.Bound, 40002)]));
    }

    [Fact]
    public void Another_namespace_a_full_rescan_unreadable_tables_or_too_many_bound_sockets_walk_every_time()
    {
        var process = _tables.Add(100, 1, 7);
        var bound = Tcp(7, SocketState.Bound, 40000);
        Collect([], [bound]);
        Assert.True(_bound.MaySkipWalk(Netns, fullRescanDue: false));
        Assert.Null(_bound.WalkReason);
        Assert.False(_bound.MaySkipWalk(Netns + 1, fullRescanDue: false));
        Assert.Equal("the last collection was in another namespace", _bound.WalkReason);
        Assert.False(_bound.MaySkipWalk(Netns, fullRescanDue: true));
        Assert.Equal("every fd table is walked in this collection", _bound.WalkReason);
        Collect([], [bound], netns: Netns + 1);
        Assert.False(_bound.MaySkipWalk(Netns, fullRescanDue: false)); // the last collection was elsewhere

        _tables.Denied.Add(200);
        _tables.Add(200, 2);
        Collect([], [bound]);
        Assert.False(_bound.MaySkipWalk(Netns, fullRescanDue: false));
        Assert.Equal("the fd table of 1 process was unreadable (pid 200 first)", _bound.WalkReason);
        _tables.Denied.Clear();
        Collect([], [bound]);
        Assert.True(_bound.MaySkipWalk(Netns, fullRescanDue: false));

        var many = Enumerable.Range(0, BoundOnlySockets.MaxCarried + 1).Select(i => Tcp(1000 + i, SocketState.Bound, 20000 + i)).ToList();
        process.Sockets.AddRange(many.Select(s => s.Inode!.Value));
        Collect([], [bound, .. many]);
        Assert.False(_bound.MaySkipWalk(Netns, fullRescanDue: false));
        Assert.StartsWith("more than 256 bound-only sockets", _bound.WalkReason, StringComparison.Ordinal);
    }
}
