using PortDoctor.Platform.Linux;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

public class SocketOwnershipTests
{
    [Fact]
    public void Listed_inodes_get_the_lowest_pid_and_unlisted_ones_are_ignored()
    {
        var scan = new ProcFdScan();
        scan.SocketFds.AddRange([(100, 30, 3), (100, 20, 3), (101, 30, 4), (999, 30, 5), (102, 40, 3)]);
        var ownership = SocketOwnership.Join(scan, new HashSet<long> { 100, 101, 102, 103 });

        Assert.Equal(20, ownership.Owners[100]); // shared after fork: lowest PID
        Assert.Equal(30, ownership.Owners[101]);
        Assert.Equal(40, ownership.Owners[102]);
        Assert.False(ownership.Owners.ContainsKey(103)); // listed, held by nobody (TIME_WAIT-like)
        Assert.False(ownership.Owners.ContainsKey(999)); // held, not a TCP/UDP socket
        Assert.Equal(2, ownership.ListedFdsByPid[30]);
        Assert.Equal(1, ownership.ListedFdsByPid[20]);
        Assert.Equal([(30, 20, 1)], ownership.SharedByHolder.SelectMany(h => h.Value.Select(o => (h.Key, o.Key, o.Value))));
    }

    [Fact]
    public void Children_holding_their_parents_sockets_are_counted_once_per_socket_whatever_their_fds()
    {
        var scan = new ProcFdScan();
        // Parent 10 holds 100-102; child 11 inherited all three (102 twice after a dup), child 12 only 100.
        scan.SocketFds.AddRange([(100, 11, 3), (101, 11, 4), (102, 11, 5), (102, 11, 6), (100, 10, 3), (101, 10, 4), (102, 10, 5), (100, 12, 3), (103, 13, 3)]);
        var ownership = SocketOwnership.Join(scan, new HashSet<long> { 100, 101, 102, 103 });

        Assert.Equal(3, ownership.SharedByHolder[11][10]);
        Assert.Equal(1, ownership.SharedByHolder[12][10]);
        Assert.Equal(2, ownership.SharedByHolder.Count);
        Assert.Equal(13, ownership.Owners[103]);
    }

    [Fact]
    public void An_empty_scan_owns_nothing()
    {
        var ownership = SocketOwnership.Join(new ProcFdScan(), new HashSet<long> { 1 });
        Assert.Empty(ownership.Owners);
        Assert.Empty(ownership.ListedFdsByPid);
    }
}
