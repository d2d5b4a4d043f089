using PortDoctor.Platform.Linux;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

public sealed class InodeHoldersTests
{
    /// <summary>The join of the holders must be the join of a full scan of the same tables.</summary>
    private static void AssertSameAsFullScan(InodeHolders holders, Dictionary<int, long[]> tables, IReadOnlySet<long> listed)
    {
        var scan = new ProcFdScan();
        foreach (var (pid, inodes) in tables)
        {
            scan.SocketFds.AddRange(inodes.Select((inode, fd) => (inode, pid, fd)));
        }

        var expected = SocketOwnership.Join(scan, listed);
        var actual = holders.Join(listed);
        Assert.Equal(expected.Owners.OrderBy(o => o.Key), actual.Owners.OrderBy(o => o.Key));
        Assert.Equal(expected.ListedFdsByPid.OrderBy(o => o.Key), actual.ListedFdsByPid.OrderBy(o => o.Key));
        Assert.Equal(Shared(expected), Shared(actual));
    }

    private static List<(int Holder, int Owner, int Sockets)> Shared(SocketOwnership ownership) =>
        [.. ownership.SharedByHolder.SelectMany(h => h.Value.Select(o => (h.Key, o.Key, o.Value))).Order()];

    [Fact]
    public void A_socket_shared_after_fork_is_owned_by_the_lowest_pid_and_counted_for_each_holder()
    {
        var holders = new InodeHolders();
        holders.Add(30, [100, 101, 101]); // 101 twice: a dup()ed fd
        holders.Add(20, [100]);
        var ownership = holders.Join(new HashSet<long> { 100, 101, 102 });
        Assert.Equal(20, ownership.Owners[100]);
        Assert.Equal(30, ownership.Owners[101]);
        Assert.False(ownership.Owners.ContainsKey(102));
        Assert.Equal(3, ownership.ListedFdsByPid[30]);
        Assert.Equal(1, ownership.ListedFdsByPid[20]);
        Assert.Equal(1, Assert.Single(Assert.Single(ownership.SharedByHolder, h => h.Key == 30).Value, o => o.Key == 20).Value);
        Assert.False(ownership.SharedByHolder.ContainsKey(20)); // the owner holds nothing of another's

        holders.Remove(20, [100]); // the child exits: the parent holds it alone again
        ownership = holders.Join(new HashSet<long> { 100 });
        Assert.Equal(30, ownership.Owners[100]);
        Assert.False(ownership.ListedFdsByPid.ContainsKey(20));
        Assert.Empty(ownership.SharedByHolder);
        holders.Remove(30, [100, 101, 101]);
        Assert.Equal(0, holders.Count);
    }

    [Fact]
    public void Tables_learned_and_forgotten_in_any_order_join_like_a_full_scan()
    {
        var random = new Random(11);
        var holders = new InodeHolders();
        var tables = new Dictionary<int, long[]>();
        for (var round = 0; round < 400; round++)
        {
            var pid = random.Next(1, 12);
            if (tables.Remove(pid, out var old))
            {
                holders.Remove(pid, old);
            }

            if (random.Next(4) > 0)
            {
                // Inodes from a small space, so processes share some and hold some twice.
                var inodes = Enumerable.Range(0, random.Next(0, 8)).Select(_ => (long)random.Next(1, 40)).ToArray();
                tables[pid] = inodes;
                holders.Add(pid, inodes);
            }

            var listed = Enumerable.Range(1, 45).Where(_ => random.Next(3) > 0).Select(i => (long)i).ToHashSet();
            AssertSameAsFullScan(holders, tables, listed);
        }
    }
}
