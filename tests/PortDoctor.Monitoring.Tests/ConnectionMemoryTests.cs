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
    /// forgets entries and when a 4-tuple changes owner, twice in one sample included.
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
        var sockets = Enumerable.Range(40000, 40).Select(port => Established(port, 7)).ToList();
        for (var sample = 0; sample < 30; sample++)
        {
            for (var change = 0; change < 3; change++)
            {
                var i = random.Next(sockets.Count);
                sockets[i] = random.Next(3) == 0 ? Established(41000 + sample * 10 + change, 8) : sockets[i] with { Pid = random.Next(7, 10) };
            }

            if (sample % 10 == 5)
            {
                sockets.Add(sockets[0] with { Pid = 99 }); // the same 4-tuple under two owners in one sample
            }

            var time = Start.AddSeconds(sample);
            var fromReused = reused.Remember(new Snapshot { Time = time, Sockets = [.. sockets] }, _ => null);
            var fromCopies = copied.Remember(new Snapshot { Time = time, Sockets = [.. sockets.Select(s => s with { })] }, _ => null);

            Assert.Equal(fromCopies, fromReused);
            Assert.Equal(copied.Count, reused.Count);
            Assert.All(sockets, s => Assert.Equal(copied.OwnerOf(s.Local, s.Remote), reused.OwnerOf(s.Local, s.Remote)));
        }
    }
}
