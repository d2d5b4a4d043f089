using PortDoctor.Platform.Linux;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

public sealed class FdTableMemoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 7, 0, 0, TimeSpan.Zero);

    private readonly FakeFdTables _tables = new();
    private readonly FdTableMemory _memory = new();
    private long _nextInode = 1000;
    private long _nextStart = 1;
    private readonly List<int> _walkedNewOnly = []; // tables walked by their new fds only, over the test

    /// <summary>One collection through the memory, asserted equal to a full walk of the same tables; returns the tables walked.</summary>
    private List<int> Collect(HashSet<long> listed, bool full = false, Func<IReadOnlyList<long>, IReadOnlySet<long>>? closed = null)
    {
        var refresh = _memory.Refresh(_tables, full, TestContext.Current.CancellationToken);
        var (scan, ownership) = _memory.Resolve(_tables, refresh, listed, Now, TestContext.Current.CancellationToken, closed);
        _walkedNewOnly.AddRange(_tables.WalkedNewOnly);
        var walked = _tables.TakeWalked();
        var expectedScan = _tables.FullScan();
        _tables.TakeWalked();
        var expected = SocketOwnership.Join(expectedScan, listed);
        Assert.Equal(expected.Owners.OrderBy(o => o.Key), ownership.Owners.OrderBy(o => o.Key));
        Assert.Equal(expected.ListedFdsByPid.OrderBy(o => o.Key), ownership.ListedFdsByPid.OrderBy(o => o.Key));
        Assert.Equal(expectedScan.Processes, scan.Processes);
        Assert.Equal(expectedScan.DeniedPids, scan.DeniedPids);
        Assert.Equal(walked.Count, refresh.Walked);
        return walked;
    }

    private HashSet<long> Held() => _tables.Processes.Values.SelectMany(p => p.Sockets).ToHashSet();

    [Fact]
    public void The_first_collection_walks_every_table_and_the_next_none_when_nothing_changed()
    {
        _tables.Add(10, 100, 1, 2);
        _tables.Add(20, 200, 3);
        _tables.Add(30, 300);

        Assert.Equal([10, 20, 30], Collect(Held()));
        Assert.Equal(Now, _memory.LastFullWalk);
        Assert.Equal(0, _memory.CollectionsSinceFullWalk);
        Assert.Empty(Collect(Held()));
        Assert.Empty(Collect(Held()));
        Assert.Equal(2, _memory.CollectionsSinceFullWalk);
        Assert.Equal(3, _memory.RememberedTables);
        Assert.Equal([10, 20, 30], Collect(Held(), full: true));
        Assert.Equal(0, _memory.CollectionsSinceFullWalk);
    }

    [Fact]
    public void Only_a_table_whose_fd_count_changed_is_walked_again()
    {
        var closer = _tables.Add(10, 100, 1, 2, 3);
        var opener = _tables.Add(20, 200, 4);
        _tables.Add(30, 300, 5);
        Collect(Held());

        closer.Sockets.Remove(2);
        Assert.Equal([10], Collect(Held()));
        opener.Sockets.Add(6);
        Assert.Equal([20], Collect(Held()));
    }

    [Fact]
    public void A_new_process_and_a_reused_pid_are_walked_and_an_exited_one_forgotten()
    {
        _tables.Add(10, 100, 1, 2);
        _tables.Add(20, 200, 3);
        Collect(Held());

        _tables.Add(40, 400, 7, 8);
        _tables.Processes.Remove(10);
        _tables.Add(20, 250, 9); // the PID came back as another process, with as many fds
        Assert.Equal([20, 40], Collect(Held()));
        Assert.Equal(2, _memory.RememberedTables);
    }

    [Fact]
    public void A_socket_swapped_at_the_same_fd_count_sends_the_lookup_to_every_table_not_walked_yet()
    {
        var swapper = _tables.Add(10, 100, 1, 2);
        _tables.Add(20, 200, 3);
        var grower = _tables.Add(30, 300, 4);
        Collect(Held());

        swapper.Sockets.Remove(2);
        swapper.Sockets.Add(5);   // same count: its stamp did not change
        grower.Sockets.Add(6);    // walked anyway
        Assert.Equal([10, 20, 30], Collect(Held()));
        Assert.Empty(Collect(Held()));
    }

    /// <summary>
    /// A large table (a busy server's) that changed is walked by its new fds only: the socket at a new number
    /// is found by reading that one link. A socket closed and another opened at a number the table had is
    /// not seen that way: it leaves a listed inode unowned; the fds of remembered sockets no longer listed
    /// are read again, and if that does not find it, the table is walked whole before any other.
    /// </summary>
    [Fact]
    public void A_large_table_that_changed_is_walked_by_its_new_fds_only_and_whole_when_that_leaves_a_socket_unowned()
    {
        var busy = _tables.Add(10, 100, 1, 2);
        busy.OtherFds = FdTableMemory.NewFdsOnlyFrom;
        _tables.Add(20, 200, 3);
        Collect(Held());

        busy.Sockets.Add(5); // at a new fd
        Assert.Equal([10], Collect(Held()));
        Assert.Equal([10], _walkedNewOnly);

        busy.Sockets[0] = 6; // closed, and another at fd 3, which the table had: found at the fd of the one no longer listed
        busy.Sockets.Add(7); // at a new fd: the count changed
        Assert.Equal([10], Collect(Held()));
        Assert.Equal([10, 10], _walkedNewOnly);

        busy.Sockets.Add(8);
        _tables.AfterNextWalk = () => busy.Sockets.Add(9); // accepted after the walk, listed by the dump
        Assert.Equal([10, 10], Collect([.. Held(), 9]));
        Assert.Equal([10, 10, 10, 10], _walkedNewOnly);

        busy.Sockets.RemoveAt(busy.Sockets.Count - 1); // closed: its number is gone from the table
        Assert.Equal([10], Collect(Held()));
        Assert.False(_memory.IsHeld(9));

        // A socket shared with another process (still listed) closed here, another at its number: only a whole walk finds it.
        _tables.Add(30, 300, 2);
        Collect(Held());
        busy.Sockets[1] = 11;
        busy.Sockets.Add(12);
        Assert.Equal([10, 10], Collect(Held()));
        Assert.Equal([10, 10, 10, 10, 10, 10], _walkedNewOnly);
    }

    [Fact]
    public void A_socket_opened_between_a_tables_walk_and_the_dump_walks_that_table_again_not_every_table()
    {
        var busy = _tables.Add(10, 100, 1, 2);
        _tables.Add(20, 200, 3);
        _tables.Add(30, 300, 4);
        Collect(Held());

        busy.Sockets.Add(5);
        _tables.AfterNextWalk = () => busy.Sockets.Add(6); // accepted after the walk, listed by the dump
        Assert.Equal([10, 10], Collect([.. Held(), 6]));

        busy.Sockets.Remove(5);
        _tables.AfterNextWalk = () => _tables.Add(40, 400, 7); // started after the stamps were taken, holding what the dump lists
        Assert.Equal([10, 40], Collect([.. Held(), 7]));
        Assert.Empty(Collect(Held()));
    }

    [Fact]
    public void An_inode_no_table_holds_is_looked_up_once_then_known_unowned_until_a_process_holds_it()
    {
        _tables.Add(10, 100, 1);
        var other = _tables.Add(20, 200, 2);
        Collect(Held());

        long[] kernelSocket = [99];
        Assert.Empty(Collect([.. Held(), .. kernelSocket]).Except([10, 20])); // looked up: every table walked
        Assert.Empty(Collect([.. Held(), .. kernelSocket]));                  // known unowned: nothing walked

        other.OtherFds--; // it now holds 99 in place of a file (passed in by a hidden process): same count
        other.Sockets.Add(99);
        var refresh = _memory.Refresh(_tables, full: false, TestContext.Current.CancellationToken);
        var (_, missed) = _memory.Resolve(_tables, refresh, Held(), Now, TestContext.Current.CancellationToken);
        Assert.False(missed.Owners.ContainsKey(99)); // the documented limit: known unowned is not looked up again
        _tables.TakeWalked();
        Assert.Equal([10, 20], Collect(Held(), full: true)); // the periodic full walk finds it
        Assert.Empty(Collect(Held()));
    }

    /// <summary>
    /// A socket the dump listed and whose owner closed it before its table was walked again: when the kernel
    /// says it is gone it is not looked for in every table; when it says it is there, or a socket it called
    /// gone is listed again, it is looked for as before.
    /// </summary>
    [Fact]
    public void A_listed_socket_the_kernel_no_longer_has_is_not_looked_for_in_every_table()
    {
        var busy = _tables.Add(10, 100, 1, 2);
        _tables.Add(20, 200, 3);
        _tables.Add(30, 300, 4);
        Collect(Held());

        var asked = new List<long>();
        IReadOnlySet<long> Gone(IReadOnlyList<long> inodes)
        {
            asked.AddRange(inodes);
            return inodes.Where(inode => inode == 5).ToHashSet();
        }

        busy.Sockets.Add(6); // its table changed: walked, which finds 6 but not 5
        Assert.Equal([10], Collect([.. Held(), 5], closed: Gone));
        Assert.Equal([5L], asked);

        busy.Sockets.Add(7);
        Assert.Equal([10, 20, 30], Collect([.. Held(), 8], closed: Gone)); // 8 is still there by the kernel's word: every table
        Assert.Equal([5L, 8], asked);

        busy.Sockets.Add(9);
        Assert.Equal([10, 20, 30], Collect([.. Held(), 5], closed: Gone)); // 5 listed again: its "gone" was wrong, so not asked again
        Assert.Equal([5L, 8], asked);
    }

    [Fact]
    public void A_full_collection_walks_every_table_and_repairs_counts_a_same_count_swap_left_stale()
    {
        var process = _tables.Add(10, 100, 1);
        _tables.Add(20, 200, 2);
        var refresh = _memory.Refresh(_tables, full: false, TestContext.Current.CancellationToken);
        _memory.Resolve(_tables, refresh, Held(), Now, TestContext.Current.CancellationToken);
        _tables.TakeWalked();

        process.OtherFds--;
        process.Sockets.Add(50); // an unlisted (unix) socket in place of a file: no inode to look up
        refresh = _memory.Refresh(_tables, full: false, TestContext.Current.CancellationToken);
        var (stale, _) = _memory.Resolve(_tables, refresh, new HashSet<long> { 1, 2 }, Now.AddSeconds(1), TestContext.Current.CancellationToken);
        Assert.Equal(1, stale.Processes.Single(p => p.Pid == 10).SocketCount); // the documented limit

        _tables.TakeWalked();
        Assert.Equal([10, 20], Collect(new HashSet<long> { 1, 2 }, full: true));
    }

    [Fact]
    public void A_table_with_no_fds_is_not_walked_again_until_it_has_one()
    {
        _tables.Add(10, 100, 1);
        var thread = _tables.Add(2, 2); // a kernel thread: no fds at all
        thread.OtherFds = 0;
        Collect(Held());
        Assert.Empty(Collect(Held()));

        thread.Sockets.Add(7);
        Assert.Equal([2], Collect(Held()));
    }

    [Fact]
    public void Without_fd_counts_from_the_kernel_every_table_is_walked_every_time()
    {
        _tables.HideFdCounts = true;
        _tables.Add(10, 100, 1);
        _tables.Add(20, 200, 2);
        Collect(Held());
        Assert.Equal([10, 20], Collect(Held()));
    }

    [Fact]
    public void Denied_tables_are_reported_every_time_and_never_remembered()
    {
        _tables.Add(10, 100, 1);
        _tables.Add(20, 200, 2);
        _tables.Denied.Add(20);
        Collect(Held());
        Assert.Equal([20], Collect(Held()).Where(p => p == 20));
        Assert.Equal(1, _memory.RememberedTables);
    }

    [Fact]
    public void Random_changes_over_many_collections_always_give_what_a_full_walk_gives()
    {
        var random = new Random(1234);
        for (var pid = 1; pid <= 20; pid++)
        {
            _tables.Add(pid, _nextStart++, Enumerable.Range(0, random.Next(0, 6)).Select(_ => _nextInode++).ToArray())
                .OtherFds = pid <= 10 ? FdTableMemory.NewFdsOnlyFrom : 3; // ten large tables, walked by their new fds when they change
        }

        long[] kernelSockets = [1, 2, 3];
        var walkedTotal = 0;
        for (var round = 0; round < 300; round++)
        {
            for (var change = random.Next(0, 4); change > 0; change--)
            {
                Change(random);
            }

            walkedTotal += Collect([.. Held(), .. kernelSockets], full: round % 50 == 49).Count;
        }

        Assert.True(walkedTotal < 300 * _tables.Processes.Count / 2, $"walked {walkedTotal} tables in 300 collections: the memory saved little");
        Assert.True(_walkedNewOnly.Count > 10, $"{_walkedNewOnly.Count} tables walked by their new fds only");
    }

    private void Change(Random random)
    {
        var pids = _tables.Processes.Keys.Order().ToList();
        var pid = pids[random.Next(pids.Count)];
        var process = _tables.Processes[pid];
        switch (random.Next(6))
        {
            case 0:
                process.Sockets.Add(_nextInode++);
                break;
            case 1 when process.Sockets.Count > 0:
                process.Sockets.RemoveAt(random.Next(process.Sockets.Count));
                break;
            case 2 when process.Sockets.Count > 0: // close one, open one: same count
                process.Sockets[random.Next(process.Sockets.Count)] = _nextInode++;
                break;
            case 3: // fork: a child sharing its parent's sockets
                _tables.Add(pids.Max() + 1, _nextStart++, [.. process.Sockets]);
                break;
            case 4 when pids.Count > 5:
                _tables.Processes.Remove(pid);
                break;
            case 5: // the PID reused by another process with as many fds
                _tables.Add(pid, _nextStart++, Enumerable.Range(0, process.Sockets.Count).Select(_ => _nextInode++).ToArray()).OtherFds = process.OtherFds;
                break;
        }
    }
}
