using System.Buffers.Binary;
using PortDoctor.Core.Model;

namespace PortDoctor.Platform.Linux;

/// <summary>
/// Sockets decoded in earlier collections, handed out again when the kernel lists the same bytes:
/// a monitor sees mostly the same 40,000 sockets every sample, and decoding each into a new
/// <see cref="SocketEntry"/> (twice, with its owner) was most of a sample's garbage. A
/// <see cref="SocketEntry"/> is a pure function of the message's bytes (timer and retransmit count
/// aside, which it does not carry), so a recalled one equals a fresh decode. Sockets a collection
/// did not list are forgotten once they are more than a quarter of those it did. The kernel lists an
/// unchanged table in the same order each time, so each message is first compared with the one that
/// followed the last match in the previous listing, and looked up by its bytes only when that
/// differs. A remembered socket is touched once a collection where it can be (a slot keeps its place
/// in the listing it was last seen in, so nothing walks every slot at the end), and the sockets handed
/// out are kept in the order given, so a collector that lists them in that order finds each one's
/// slot by its index, not by a lookup (<see cref="Owned(int, SocketEntry, int, string?)"/>). Not thread-safe:
/// one collection at a time (the <see cref="OwnerCache"/>'s lock).
/// </summary>
/// <param name="remember">False for a single collection: decode only, nothing kept.</param>
internal sealed class SocketRecall(bool remember = true)
{
    /// <summary>Past this many remembered sockets everything is forgotten (memory bound for hosts with churn beyond any sample).</summary>
    public const int MaxRemembered = 1_000_000;

    // A set of slots found by their key, not a dictionary from key to slot: the 48-byte key is stored
    // once, in the slot (64 bytes less an entry: 3.6 MB at 40,000 sockets).
    private readonly HashSet<Slot> _slots = new(SlotKeys.Instance);
    private readonly Slot _probe = new(default, null!);
    private readonly Dictionary<long, Slot> _byInode = [];
    private readonly AddressTextCache _addresses = new();
    private readonly HashSet<long> _listedInodes = [];
    private List<Slot> _order = [];   // the previous collection's sockets, in the order the kernel listed them
    private List<Slot> _listing = []; // this collection's
    private readonly List<Slot?> _handedOut = []; // what each Decode and Relist of this collection returned, in order (null: no slot)
    private bool[] _seenAgain = [];   // by place in _order: listed by this collection
    private int _cursor;
    private int _collection;
    private int _orderListedIn = -1;  // the collection whose listing _order is (none yet: a new slot's Seen, 0, is not it)

    public int Count => _slots.Count;

    /// <summary>IPv6 sockets decoded so far, counted from the messages' family byte (no socket object touched).</summary>
    public long Ipv6Decoded { get; private set; }

    /// <summary>Starts a collection: what it does not list is forgotten at <see cref="End"/>.</summary>
    public void Begin()
    {
        _collection++;
        _listing.Clear();
        _handedOut.Clear();
        _cursor = 0;
        if (_seenAgain.Length < _order.Count)
        {
            _seenAgain = new bool[Math.Max(_order.Count, _seenAgain.Length * 2)];
        }
        else
        {
            Array.Clear(_seenAgain, 0, _order.Count);
        }
    }

    /// <summary>The socket one inet_diag_msg describes: the same object as before when its bytes are the same.</summary>
    public SocketEntry Decode(ReadOnlySpan<byte> message, TransportProtocol protocol)
    {
        Ipv6Decoded += message[0] == InetDiagDecoder.AfInet6 ? 1 : 0;
        if (!remember)
        {
            return InetDiagDecoder.DecodeSocket(message, protocol, _addresses);
        }

        var key = SocketBytes.Of(message, protocol);
        Slot? slot;
        if (_cursor < _order.Count && _order[_cursor].Key.Equals(key))
        {
            slot = _order[_cursor++];
        }
        else if (_slots.TryGetValue(_probe.For(key), out slot))
        {
            if (InOrder(slot))
            {
                _cursor = slot.Position + 1; // the listing moved on past sockets that are gone: follow it
            }
        }
        else
        {
            slot = new Slot(key, InetDiagDecoder.DecodeSocket(message, protocol, _addresses));
            _slots.Add(slot);
            if (slot.Bare.Inode is > 0 and var inode)
            {
                _byInode[inode] = slot;
            }
        }

        List(slot);
        _handedOut.Add(slot);
        return slot.Bare;
    }

    /// <summary>Whether the slot is in the previous listing, at its <see cref="Slot.Position"/> (asked before this collection lists it).</summary>
    private bool InOrder(Slot slot) => slot.Seen == _orderListedIn;

    /// <summary>Adds the slot to this collection's listing, once.</summary>
    private void List(Slot slot)
    {
        if (slot.Seen == _collection)
        {
            return;
        }

        if (InOrder(slot))
        {
            _seenAgain[slot.Position] = true;
        }

        slot.Seen = _collection;
        slot.Position = _listing.Count;
        _listing.Add(slot);
    }

    /// <summary>The socket with its owner: the same object as before when socket and owner are the same.</summary>
    public SocketEntry Owned(SocketEntry bare, int pid, string? name)
    {
        ArgumentNullException.ThrowIfNull(bare);
        return Owned(bare.Inode is > 0 && _byInode.TryGetValue(bare.Inode.Value, out var slot) ? slot : null, bare, pid, name);
    }

    /// <summary>
    /// <see cref="Owned(SocketEntry, int, string?)"/> for the socket at <paramref name="index"/> of a list filled
    /// in the order this collection handed its sockets out: its slot found by that index when it is there, else looked up.
    /// </summary>
    public SocketEntry Owned(int index, SocketEntry bare, int pid, string? name)
    {
        ArgumentNullException.ThrowIfNull(bare);
        return (uint)index < (uint)_handedOut.Count && _handedOut[index] is { } slot && ReferenceEquals(slot.Bare, bare)
            ? Owned(slot, bare, pid, name)
            : Owned(bare, pid, name);
    }

    private static SocketEntry Owned(Slot? slot, SocketEntry bare, int pid, string? name)
    {
        if (slot is null || !ReferenceEquals(slot.Bare, bare))
        {
            return bare with { Pid = pid, ProcessName = name };
        }

        if (slot.Owned is not { } owned || owned.Pid != pid || !string.Equals(owned.ProcessName, name, StringComparison.Ordinal))
        {
            slot.Owned = owned = bare with { Pid = pid, ProcessName = name };
        }

        return owned;
    }

    /// <summary>Sockets the previous collection listed that this one has not listed so far (nothing when not remembering).</summary>
    public IEnumerable<SocketEntry> Unseen()
    {
        for (var i = 0; i < _order.Count; i++)
        {
            // Places are marked as they are listed again; after a collection that did not end (its listing is
            // not _order, yet its slots were marked as seen by it), each slot is asked.
            if (_orderListedIn == _collection - 1 ? !_seenAgain[i] : _order[i].Seen != _collection)
            {
                yield return _order[i].Bare;
            }
        }
    }

    /// <summary>
    /// Lists again a socket an earlier collection decoded, without its message (a bound-only socket
    /// carried while the bind table is not walked): it is seen by this collection, so kept and given its owner as before.
    /// </summary>
    public SocketEntry Relist(SocketEntry bare)
    {
        ArgumentNullException.ThrowIfNull(bare);
        if (!remember)
        {
            return bare;
        }

        var slot = bare.Inode is > 0 and var inode && _byInode.TryGetValue(inode, out var found) && ReferenceEquals(found.Bare, bare) ? found : null;
        if (slot is not null)
        {
            List(slot);
        }

        _handedOut.Add(slot);
        return bare;
    }

    /// <summary>The inodes of the listed sockets, in a set that (when remembering) each collection refills.</summary>
    public HashSet<long> ListedInodes(List<SocketEntry> sockets)
    {
        ArgumentNullException.ThrowIfNull(sockets);
        var listed = remember ? _listedInodes : new HashSet<long>(sockets.Count);
        listed.Clear();
        foreach (var socket in sockets)
        {
            if (socket.Inode is > 0)
            {
                listed.Add(socket.Inode.Value);
            }
        }

        return listed;
    }

    /// <summary>Ends a collection: forgets the sockets it did not list once they are many.</summary>
    public void End()
    {
        (_order, _listing) = (_listing, _order);
        _orderListedIn = _collection;
        if (_slots.Count > MaxRemembered)
        {
            _slots.Clear();
            _byInode.Clear();
            _order.Clear();
            return;
        }

        if (_slots.Count - _order.Count <= _order.Count / 4)
        {
            return;
        }

        _slots.RemoveWhere(Forget);
    }

    /// <summary>Whether a slot is not of this collection; if so, also out of the inode index.</summary>
    private bool Forget(Slot slot)
    {
        if (slot.Seen == _collection)
        {
            return false;
        }

        if (slot.Bare.Inode is > 0 and var inode && _byInode.TryGetValue(inode, out var indexed) && ReferenceEquals(indexed, slot))
        {
            _byInode.Remove(inode);
        }

        return true;
    }

    private sealed class Slot(SocketBytes key, SocketEntry bare)
    {
        /// <summary>Fixed once the slot is in the set; only the lookup probe's changes.</summary>
        public SocketBytes Key { get; private set; } = key;

        public SocketEntry Bare { get; } = bare;

        /// <summary>Its index in the listing of the collection <see cref="Seen"/> names.</summary>
        public int Position { get; set; }

        public SocketEntry? Owned { get; set; }

        /// <summary>The last collection that listed it (0: none yet).</summary>
        public int Seen { get; set; }

        /// <summary>This slot (the probe) keyed as <paramref name="key"/>, to look up the remembered one.</summary>
        public Slot For(SocketBytes key)
        {
            Key = key;
            return this;
        }
    }

    private sealed class SlotKeys : IEqualityComparer<Slot>
    {
        public static readonly SlotKeys Instance = new();

        public bool Equals(Slot? x, Slot? y) => x is not null && y is not null && x.Key.Equals(y.Key);

        public int GetHashCode(Slot obj) => obj.Key.GetHashCode();
    }

    /// <summary>What a <see cref="SocketEntry"/> is decoded from: inet_diag_msg's family, state, ports, addresses, uid and inode.</summary>
    private readonly record struct SocketBytes(UInt128 Local, UInt128 Remote, ulong Head, ulong Tail)
    {
        public static SocketBytes Of(ReadOnlySpan<byte> message, TransportProtocol protocol)
        {
            // Bytes 0-7: family, state, timer, retransmits, ports. Timer and retransmits (bits 16-31)
            // change between dumps and are not decoded: the protocol takes their place.
            var head = (BinaryPrimitives.ReadUInt64LittleEndian(message) & ~0xFFFF_0000UL) | ((ulong)protocol << 16);
            var v6 = message[0] == InetDiagDecoder.AfInet6;
            var local = v6 ? BinaryPrimitives.ReadUInt128LittleEndian(message[8..]) : BinaryPrimitives.ReadUInt32LittleEndian(message[8..]);
            var remote = v6 ? BinaryPrimitives.ReadUInt128LittleEndian(message[24..]) : BinaryPrimitives.ReadUInt32LittleEndian(message[24..]);
            return new SocketBytes(local, remote, head, BinaryPrimitives.ReadUInt64LittleEndian(message[64..]));
        }
    }
}
