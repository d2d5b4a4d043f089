using System.Buffers.Binary;
using PortDoctor.Core.Model;
using PortDoctor.Platform.Linux;
using Xunit;

namespace PortDoctor.Platform.Tests.Linux;

public class SocketRecallTests
{
    /// <summary>One inet_diag_msg (no netlink header): family, state, timer, retransmits, ports, addresses, uid, inode.</summary>
    private static byte[] Message(byte state, ushort localPort, uint inode, byte timer = 0, byte retransmits = 0, byte family = 2)
    {
        var message = new byte[InetDiagDecoder.MessageLength];
        message[0] = family;
        message[1] = state;
        message[2] = timer;
        message[3] = retransmits;
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(4), localPort);
        BinaryPrimitives.WriteUInt16BigEndian(message.AsSpan(6), 443);
        message[8] = 10;
        message[11] = 5;
        message[24] = 192;
        message[27] = 1;
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(64), 1000);
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(68), inode);
        return message;
    }

    [Fact]
    public void The_same_bytes_give_the_same_socket_even_when_timer_and_retransmits_moved()
    {
        var recall = new SocketRecall();
        recall.Begin();
        var first = recall.Decode(Message(1, 50000, 77), TransportProtocol.Tcp);
        recall.End();
        recall.Begin();
        var again = recall.Decode(Message(1, 50000, 77, timer: 2, retransmits: 3), TransportProtocol.Tcp);

        Assert.Same(first, again);
        Assert.Equal(InetDiagDecoder.DecodeSocket(Message(1, 50000, 77), TransportProtocol.Tcp, new AddressTextCache()), again);
    }

    [Fact]
    public void Another_state_port_inode_family_or_protocol_is_another_socket()
    {
        var recall = new SocketRecall();
        recall.Begin();
        var established = recall.Decode(Message(1, 50000, 77), TransportProtocol.Tcp);

        Assert.Equal(SocketState.CloseWait, recall.Decode(Message(8, 50000, 77), TransportProtocol.Tcp).State);
        Assert.Equal(50001, recall.Decode(Message(1, 50001, 77), TransportProtocol.Tcp).Local.Port);
        Assert.Equal(78, recall.Decode(Message(1, 50000, 78), TransportProtocol.Tcp).Inode);
        Assert.Equal(TransportProtocol.Udp, recall.Decode(Message(1, 50000, 77), TransportProtocol.Udp).Protocol);
        Assert.Equal(IpFamily.IPv6, recall.Decode(Message(1, 50000, 77, family: 10), TransportProtocol.Tcp).Family);
        Assert.Same(established, recall.Decode(Message(1, 50000, 77), TransportProtocol.Tcp));
    }

    [Fact]
    public void The_owned_socket_is_reused_only_for_the_same_owner()
    {
        var recall = new SocketRecall();
        recall.Begin();
        var bare = recall.Decode(Message(1, 50000, 77), TransportProtocol.Tcp);
        var owned = recall.Owned(bare, 42, "curl");

        Assert.Equal(bare with { Pid = 42, ProcessName = "curl" }, owned);
        Assert.Same(owned, recall.Owned(bare, 42, "curl"));
        Assert.Equal((43, "curl"), (recall.Owned(bare, 43, "curl").Pid, recall.Owned(bare, 43, "curl").ProcessName));
        Assert.Equal("wget", recall.Owned(bare, 43, "wget").ProcessName);
        Assert.Null(bare.Pid);
    }

    [Fact]
    public void Sockets_a_collection_did_not_list_are_forgotten()
    {
        var recall = new SocketRecall();
        recall.Begin();
        for (var port = 1; port <= 10; port++)
        {
            recall.Decode(Message(1, (ushort)port, (uint)port), TransportProtocol.Tcp);
        }

        recall.End();
        recall.Begin();
        var kept = recall.Decode(Message(1, 1, 1), TransportProtocol.Tcp);
        recall.End();

        Assert.Equal(1, recall.Count);
        recall.Begin();
        Assert.Same(kept, recall.Decode(Message(1, 1, 1), TransportProtocol.Tcp));
    }

    [Fact]
    public void Without_remembering_each_decode_is_new()
    {
        var recall = new SocketRecall(remember: false);
        recall.Begin();
        var first = recall.Decode(Message(1, 50000, 77), TransportProtocol.Tcp);

        Assert.NotSame(first, recall.Decode(Message(1, 50000, 77), TransportProtocol.Tcp));
        Assert.Equal(first, recall.Decode(Message(1, 50000, 77), TransportProtocol.Tcp));
        Assert.Equal(0, recall.Count);
    }

    [Fact]
    public void A_listing_in_another_order_with_sockets_gone_and_new_recalls_each_one_by_its_bytes()
    {
        var recall = new SocketRecall();
        recall.Begin();
        var first = Enumerable.Range(1, 20).ToDictionary(port => port, port => recall.Decode(Message(1, (ushort)port, (uint)port), TransportProtocol.Tcp));
        recall.End();

        // Reversed, every third gone, new ones between: each known socket is still its own object.
        recall.Begin();
        var ports = Enumerable.Range(1, 20).Reverse().Where(port => port % 3 != 0).SelectMany(port => new[] { port, port + 100 }).ToList();
        foreach (var port in ports)
        {
            var socket = recall.Decode(Message(1, (ushort)port, (uint)port), TransportProtocol.Tcp);
            Assert.Equal(port, socket.Local.Port);
            if (port <= 20)
            {
                Assert.Same(first[port], socket);
            }
        }

        recall.End();
        recall.Begin();
        foreach (var port in ports)
        {
            Assert.Equal((ushort)port, recall.Decode(Message(1, (ushort)port, (uint)port), TransportProtocol.Tcp).Local.Port);
        }
    }
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Unseen_is_the_last_ended_listing_less_what_this_one_listed_so_far_through_reorders_duplicates_relists_and_collections_that_did_not_end(int seed)
    {
        var random = new Random(seed);
        var recall = new SocketRecall();
        var lastEnded = new List<SocketEntry>(); // the oracle: the last ended collection's sockets, in listing order
        for (var collection = 0; collection < 60; collection++)
        {
            recall.Begin();
            var listed = new HashSet<SocketEntry>(ReferenceEqualityComparer.Instance);
            var handed = new List<SocketEntry>();
            var ports = Enumerable.Range(1, 40).Where(_ => random.Next(5) > 0).ToList();
            if (random.Next(3) == 0)
            {
                ports.Reverse();
            }

            foreach (var port in ports)
            {
                var socket = random.Next(10) == 0 && handed.Count > 0
                    ? recall.Relist(handed[random.Next(handed.Count)]) // listed again without its message (a carried bound-only socket)
                    : recall.Decode(Message((byte)(1 + random.Next(2)), (ushort)port, (uint)port) is var m && m[1] == 2 ? Inode(m, port + 1000) : m, TransportProtocol.Tcp);
                handed.Add(socket);
                listed.Add(socket);
                if (random.Next(8) == 0)
                {
                    Assert.Equal(
                        lastEnded.Where(s => !listed.Contains(s)).ToList(),
                        recall.Unseen().ToList());
                }
            }

            Assert.Equal(lastEnded.Where(s => !listed.Contains(s)).ToList(), recall.Unseen().ToList());

            // Each socket's owned form, found by its place in the list as handed out, equals the one found by its inode, and is kept.
            for (var i = 0; i < handed.Count; i++)
            {
                var pid = 100 + (handed[i].Local.Port % 3);
                var owned = recall.Owned(i, handed[i], pid, "p");
                Assert.Equal(handed[i] with { Pid = pid, ProcessName = "p" }, owned);
                Assert.Same(owned, recall.Owned(i, handed[i], pid, "p"));
            }

            if (random.Next(6) == 0)
            {
                continue; // a collection that failed before its end
            }

            recall.End();
            lastEnded = handed.Distinct(ReferenceEqualityComparer.Instance).Cast<SocketEntry>().ToList();
        }
    }

    /// <summary>The message with another inode (a socket that changed state is another socket, with its own inode here).</summary>
    private static byte[] Inode(byte[] message, int inode)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(message.AsSpan(68), (uint)inode);
        return message;
    }

    [Fact]
    public void A_socket_found_by_its_place_is_checked_to_be_the_one_at_that_place()
    {
        var recall = new SocketRecall();
        recall.Begin();
        var first = recall.Decode(Message(1, 50000, 77), TransportProtocol.Tcp);
        var second = recall.Decode(Message(1, 50001, 78), TransportProtocol.Tcp);
        var owned = recall.Owned(0, first, 42, "curl");

        // The list lost its first socket: the second is at place 0 and is found by its inode, not taken for the first.
        Assert.Equal((50001, 43), (recall.Owned(0, second, 43, "wget").Local.Port, recall.Owned(0, second, 43, "wget").Pid));
        Assert.Same(recall.Owned(second, 43, "wget"), recall.Owned(0, second, 43, "wget"));
        Assert.Same(owned, recall.Owned(5, first, 42, "curl"));
    }
}
