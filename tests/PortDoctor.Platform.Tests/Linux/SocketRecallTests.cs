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
}
