using PortDoctor.Core.Model;
using PortDoctor.Monitoring;
using Xunit;

namespace PortDoctor.Monitoring.Tests;

public class ConnectionMemoryTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static SocketEntry Established(int localPort, int pid) =>
        new(TransportProtocol.Tcp, IpFamily.IPv4, SocketState.Established, new Endpoint("10.0.0.1", localPort), new Endpoint("10.0.0.9", 443)) { Pid = pid };

    [Fact]
    public void The_same_socket_objects_again_are_not_fresh()
    {
        var memory = new ConnectionMemory();
        var sockets = Enumerable.Range(40000, 50).Select(port => Established(port, 7)).ToList();

        Assert.Equal(50, memory.Remember(new Snapshot { Time = Start, Sockets = sockets }, _ => null).Count);
        Assert.Empty(memory.Remember(new Snapshot { Time = Start, Sockets = sockets }, _ => null));
        Assert.Equal(7, memory.OwnerOf(sockets[3].Local, sockets[3].Remote));
    }

    /// <summary>
    /// Handing out the same objects for unchanged sockets (the Linux collector) lets the memory skip
    /// their lookup; the outcome must be that of new objects each sample, also when the capacity
    /// forgets entries, when a 4-tuple changes owner (twice in one sample included), and when the
    /// objects come in another order or a run of them is gone.
    /// </summary>
    [Theory]
    [InlineData(1_000)]
    [InlineData(60)]
    [InlineData(25)]
    public void Reused_objects_remember_what_new_objects_would(int capacity)
    {
        var reused = new ConnectionMemory(capacity);
        var copied = new ConnectionMemory(capacity);
        var random = new Random(capacity);
        var oracle = new Dictionary<(Endpoint, Endpoint), int>(); // what a memory that never forgets holds
        var sockets = Enumerable.Range(40000, 40).Select(port => Established(port, 7)).ToList();
        for (var sample = 0; sample < 30; sample++)
        {
            for (var change = 0; change < 3; change++)
            {
                var i = random.Next(sockets.Count);
                // Owners change every 4th sample only: in between the memory may take its shortcut.
                sockets[i] = sample % 4 != 0 || random.Next(3) == 0 ? Established(41000 + (sample * 10) + change, 8) : sockets[i] with { Pid = random.Next(7, 10) };
            }

            if (sample % 10 == 5)
            {
                sockets.Add(sockets[0] with { Pid = 99 }); // the same 4-tuple under two owners in one sample
            }

            if (sample % 7 == 3)
            {
                sockets = [.. sockets.OrderBy(_ => random.Next())]; // listed in another order
            }

            if (sample % 9 == 4)
            {
                sockets.RemoveRange(5, 10); // a run of sockets gone, longer than the memory looks ahead
                sockets.AddRange(Enumerable.Range(0, 10).Select(n => Established(42000 + (sample * 10) + n, 7)));
            }

            var time = Start.AddSeconds(sample);
            var fromReused = reused.Remember(new Snapshot { Time = time, Sockets = [.. sockets] }, _ => null);
            var fromCopies = copied.Remember(new Snapshot { Time = time, Sockets = [.. sockets.Select(s => s with { })] }, _ => null);

            Assert.Equal(fromCopies, fromReused);
            if (capacity >= 1_000)
            {
                // Nothing is forgotten at this capacity: the 4-tuples new or under another owner, in order, and no others.
                var expected = new List<(Endpoint, Endpoint, int)>();
                foreach (var socket in sockets)
                {
                    if (!oracle.TryGetValue((socket.Local, socket.Remote), out var known) || known != socket.Pid)
                    {
                        oracle[(socket.Local, socket.Remote)] = socket.Pid!.Value;
                        expected.Add((socket.Local, socket.Remote, socket.Pid!.Value));
                    }
                }

                Assert.Equal(expected, fromReused.Select(o => (o.Local, o.Remote, o.Pid)));
            }

            Assert.Equal(copied.Count, reused.Count);
            Assert.All(sockets, s => Assert.Equal(copied.OwnerOf(s.Local, s.Remote), reused.OwnerOf(s.Local, s.Remote)));
            Assert.All(sockets, s => Assert.NotNull(reused.OwnerOf(s.Local, s.Remote))); // a listed 4-tuple is never forgotten
            Assert.Equal(Math.Max(capacity, sockets.Select(s => (s.Local, s.Remote)).Distinct().Count()), Math.Max(capacity, reused.Count));
        }
    }

    /// <summary>
    /// A host with long-lived connections and a churn of short ones past the capacity (the bench's churn: more
    /// 4-tuples open and close within a minute than are remembered): the long-lived ones are never forgotten,
    /// never reported fresh again, and the short ones are forgotten in the order they closed.
    /// </summary>
    [Fact]
    public void Churn_past_the_capacity_forgets_closed_short_connections_in_the_order_they_closed_never_the_long_lived()
    {
        var memory = new ConnectionMemory(capacity: 200);
        var lasting = Enumerable.Range(30000, 100).Select(port => Established(port, 5)).ToList();
        var churn = new List<SocketEntry>();
        var closed = new List<SocketEntry>();
        var next = 40000;
        for (var sample = 0; sample < 50; sample++)
        {
            closed.AddRange(churn.Take(20));
            churn.RemoveRange(0, Math.Min(20, churn.Count));
            churn.AddRange(Enumerable.Range(0, 20).Select(_ => Established(next++, 6)));
            var fresh = memory.Remember(new Snapshot { Time = Start.AddSeconds(sample), Sockets = [.. lasting, .. churn] }, _ => null);

            Assert.Equal(sample == 0 ? 120 : 20, fresh.Count); // the lasting ones only the first time
            Assert.All(lasting, s => Assert.Equal(5, memory.OwnerOf(s.Local, s.Remote)));
            Assert.Equal(Math.Min(200, 120 + closed.Count), memory.Count);
            var kept = 200 - 120; // the closed 4-tuples the capacity leaves room for: the last to close
            Assert.All(closed.TakeLast(kept), s => Assert.True(memory.IsClosed(s.Local, s.Remote)));
            Assert.All(closed.SkipLast(kept), s => Assert.Null(memory.OwnerOf(s.Local, s.Remote)));
        }
    }
}
